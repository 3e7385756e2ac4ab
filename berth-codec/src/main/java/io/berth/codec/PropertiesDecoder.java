package io.berth.codec;

import io.netty.buffer.ByteBuf;

import static io.berth.codec.PropertyIds.*;

/**
 * Reads an MQTT 5 property block (spec 2.2.2): the Property Length, then the properties, each checked against
 * the packet it is in, against repetition, and against its allowed values.
 */
final class PropertiesDecoder {

    private PropertiesDecoder() {
    }

    /**
     * Reads a property block.
     *
     * @param context {@link PropertyIds#bit(PacketType)} of the packet, or {@link PropertyIds#WILL}
     */
    static MqttProperties read(ByteBuf in, int context) {
        int length = Wire.readVarInt(in);
        if (length == 0) {
            return MqttProperties.EMPTY;
        }
        if (length > in.readableBytes()) {
            throw DecodeException.malformed("property length " + length + " runs past the end of the packet");
        }
        int end = in.readerIndex() + length;
        MqttProperties.Builder b = MqttProperties.builder();
        long seen = 0;
        while (in.readerIndex() < end) {
            int id = Wire.readVarInt(in);
            int allowed = PropertyIds.allowed(id);
            if (allowed == 0) {
                throw DecodeException.malformed(String.format("unknown property identifier 0x%02X", id));
            }
            if ((allowed & context) == 0) {
                // spec 2.2.2.2: an identifier not valid for the packet type makes a Malformed Packet
                throw DecodeException.malformed(String.format("property 0x%02X not allowed in %s", id,
                        contextName(context)));
            }
            long bit = 1L << id;
            if ((seen & bit) != 0 && !mayRepeat(id, context)) {
                throw DecodeException.protocolError(String.format("property 0x%02X included more than once", id));
            }
            seen |= bit;
            readValue(in, id, b);
        }
        if (in.readerIndex() != end) {
            throw DecodeException.malformed("last property runs past the property length");
        }
        MqttProperties props = b.build();
        if (props.authenticationData() != null && props.authenticationMethod() == null) {
            throw DecodeException.protocolError("Authentication Data without Authentication Method");
        }
        return props;
    }

    private static boolean mayRepeat(int id, int context) {
        return id == USER_PROPERTY || (id == SUBSCRIPTION_IDENTIFIER && context == bit(PacketType.PUBLISH));
    }

    private static void readValue(ByteBuf in, int id, MqttProperties.Builder b) {
        switch (id) {
            case PAYLOAD_FORMAT_INDICATOR -> b.payloadFormatIndicator(readFlag(in, "Payload Format Indicator"));
            case MESSAGE_EXPIRY_INTERVAL -> b.messageExpiryInterval(in.readUnsignedInt());
            case CONTENT_TYPE -> b.contentType(Wire.readString(in, "Content Type"));
            case RESPONSE_TOPIC -> b.responseTopic(readResponseTopic(in));
            case CORRELATION_DATA -> b.correlationData(Wire.readBinary(in, "Correlation Data"));
            case SUBSCRIPTION_IDENTIFIER -> b.addSubscriptionIdentifier(readSubscriptionIdentifier(in));
            case SESSION_EXPIRY_INTERVAL -> b.sessionExpiryInterval(in.readUnsignedInt());
            case ASSIGNED_CLIENT_IDENTIFIER ->
                    b.assignedClientIdentifier(Wire.readString(in, "Assigned Client Identifier"));
            case SERVER_KEEP_ALIVE -> b.serverKeepAlive(in.readUnsignedShort());
            case AUTHENTICATION_METHOD -> b.authenticationMethod(Wire.readString(in, "Authentication Method"));
            case AUTHENTICATION_DATA -> b.authenticationData(Wire.readBinary(in, "Authentication Data"));
            case REQUEST_PROBLEM_INFORMATION ->
                    b.requestProblemInformation(readFlag(in, "Request Problem Information"));
            case WILL_DELAY_INTERVAL -> b.willDelayInterval(in.readUnsignedInt());
            case REQUEST_RESPONSE_INFORMATION ->
                    b.requestResponseInformation(readFlag(in, "Request Response Information"));
            case RESPONSE_INFORMATION -> b.responseInformation(Wire.readString(in, "Response Information"));
            case SERVER_REFERENCE -> b.serverReference(Wire.readString(in, "Server Reference"));
            case REASON_STRING -> b.reasonString(Wire.readString(in, "Reason String"));
            case RECEIVE_MAXIMUM -> b.receiveMaximum(readNonZeroShort(in, "Receive Maximum"));
            case TOPIC_ALIAS_MAXIMUM -> b.topicAliasMaximum(in.readUnsignedShort());
            case TOPIC_ALIAS -> b.topicAlias(readTopicAlias(in));
            case MAXIMUM_QOS -> b.maximumQos(readFlag(in, "Maximum QoS"));
            case RETAIN_AVAILABLE -> b.retainAvailable(readFlag(in, "Retain Available"));
            case USER_PROPERTY -> b.addUserProperty(Wire.readString(in, "User Property name"),
                    Wire.readString(in, "User Property value"));
            case MAXIMUM_PACKET_SIZE -> b.maximumPacketSize(readMaximumPacketSize(in));
            case WILDCARD_SUBSCRIPTION_AVAILABLE ->
                    b.wildcardSubscriptionAvailable(readFlag(in, "Wildcard Subscription Available"));
            case SUBSCRIPTION_IDENTIFIER_AVAILABLE ->
                    b.subscriptionIdentifiersAvailable(readFlag(in, "Subscription Identifier Available"));
            case SHARED_SUBSCRIPTION_AVAILABLE ->
                    b.sharedSubscriptionAvailable(readFlag(in, "Shared Subscription Available"));
            default -> throw DecodeException.malformed(String.format("unknown property identifier 0x%02X", id));
        }
    }

    /** A Byte property whose only allowed values are 0 and 1. */
    private static int readFlag(ByteBuf in, String name) {
        int v = in.readUnsignedByte();
        if (v > 1) {
            throw DecodeException.protocolError(name + " must be 0 or 1, was " + v);
        }
        return v;
    }

    private static int readNonZeroShort(ByteBuf in, String name) {
        int v = in.readUnsignedShort();
        if (v == 0) {
            throw DecodeException.protocolError(name + " of 0");
        }
        return v;
    }

    private static int readTopicAlias(ByteBuf in) {
        int v = in.readUnsignedShort();
        if (v == 0) {
            throw new DecodeException(ReasonCode.TOPIC_ALIAS_INVALID, "Topic Alias of 0 (MQTT-3.3.2-8)");
        }
        return v;
    }

    private static long readMaximumPacketSize(ByteBuf in) {
        long v = in.readUnsignedInt();
        if (v == 0) {
            throw DecodeException.protocolError("Maximum Packet Size of 0");
        }
        return v;
    }

    private static int readSubscriptionIdentifier(ByteBuf in) {
        int v = Wire.readVarInt(in);
        if (v == 0) {
            throw DecodeException.protocolError("Subscription Identifier of 0");
        }
        return v;
    }

    private static String readResponseTopic(ByteBuf in) {
        String topic = Wire.readString(in, "Response Topic");
        if (!TopicNames.isValidTopicName(topic)) {
            throw DecodeException.protocolError("Response Topic is not a valid topic name (MQTT-3.3.2-14)");
        }
        return topic;
    }

    private static String contextName(int context) {
        if (context == WILL) {
            return "Will Properties";
        }
        return PacketType.of(Integer.numberOfTrailingZeros(context)).name();
    }
}
