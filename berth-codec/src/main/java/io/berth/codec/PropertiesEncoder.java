package io.berth.codec;

import io.netty.buffer.ByteBuf;

import static io.berth.codec.PropertyIds.*;

/**
 * Writes an MQTT 5 property block in identifier order. The encoder writes whatever properties it is given;
 * choosing the right ones for a packet is the caller's job.
 */
final class PropertiesEncoder {

    private PropertiesEncoder() {
    }

    /** The size of the properties themselves, without the Property Length in front of them. */
    static int size(MqttProperties p) {
        if (p == MqttProperties.EMPTY) {
            return 0;
        }
        int n = 0;
        n += byteSize(p.payloadFormatIndicator());
        n += intSize(p.messageExpiryInterval());
        n += stringSize(p.contentType());
        n += stringSize(p.responseTopic());
        n += binarySize(p.correlationData());
        for (int id : p.subscriptionIdentifiers()) {
            n += 1 + Wire.varIntSize(id);
        }
        n += intSize(p.sessionExpiryInterval());
        n += stringSize(p.assignedClientIdentifier());
        n += shortSize(p.serverKeepAlive());
        n += stringSize(p.authenticationMethod());
        n += binarySize(p.authenticationData());
        n += byteSize(p.requestProblemInformation());
        n += intSize(p.willDelayInterval());
        n += byteSize(p.requestResponseInformation());
        n += stringSize(p.responseInformation());
        n += stringSize(p.serverReference());
        n += stringSize(p.reasonString());
        n += shortSize(p.receiveMaximum());
        n += shortSize(p.topicAliasMaximum());
        n += shortSize(p.topicAlias());
        n += byteSize(p.maximumQos());
        n += byteSize(p.retainAvailable());
        for (UserProperty u : p.userProperties()) {
            n += 1 + Wire.stringSize(u.name()) + Wire.stringSize(u.value());
        }
        n += intSize(p.maximumPacketSize());
        n += byteSize(p.wildcardSubscriptionAvailable());
        n += byteSize(p.subscriptionIdentifiersAvailable());
        n += byteSize(p.sharedSubscriptionAvailable());
        return n;
    }

    /** The Property Length plus the properties. */
    static int blockSize(int size) {
        return Wire.varIntSize(size) + size;
    }

    /** Writes the Property Length ({@code size}, from {@link #size}) and the properties. */
    static void write(ByteBuf out, MqttProperties p, int size) {
        Wire.writeVarInt(out, size);
        if (size == 0) {
            return;
        }
        writeByte(out, PAYLOAD_FORMAT_INDICATOR, p.payloadFormatIndicator());
        writeInt(out, MESSAGE_EXPIRY_INTERVAL, p.messageExpiryInterval());
        writeString(out, CONTENT_TYPE, p.contentType());
        writeString(out, RESPONSE_TOPIC, p.responseTopic());
        writeBinary(out, CORRELATION_DATA, p.correlationData());
        for (int id : p.subscriptionIdentifiers()) {
            out.writeByte(SUBSCRIPTION_IDENTIFIER);
            Wire.writeVarInt(out, id);
        }
        writeInt(out, SESSION_EXPIRY_INTERVAL, p.sessionExpiryInterval());
        writeString(out, ASSIGNED_CLIENT_IDENTIFIER, p.assignedClientIdentifier());
        writeShort(out, SERVER_KEEP_ALIVE, p.serverKeepAlive());
        writeString(out, AUTHENTICATION_METHOD, p.authenticationMethod());
        writeBinary(out, AUTHENTICATION_DATA, p.authenticationData());
        writeByte(out, REQUEST_PROBLEM_INFORMATION, p.requestProblemInformation());
        writeInt(out, WILL_DELAY_INTERVAL, p.willDelayInterval());
        writeByte(out, REQUEST_RESPONSE_INFORMATION, p.requestResponseInformation());
        writeString(out, RESPONSE_INFORMATION, p.responseInformation());
        writeString(out, SERVER_REFERENCE, p.serverReference());
        writeString(out, REASON_STRING, p.reasonString());
        writeShort(out, RECEIVE_MAXIMUM, p.receiveMaximum());
        writeShort(out, TOPIC_ALIAS_MAXIMUM, p.topicAliasMaximum());
        writeShort(out, TOPIC_ALIAS, p.topicAlias());
        writeByte(out, MAXIMUM_QOS, p.maximumQos());
        writeByte(out, RETAIN_AVAILABLE, p.retainAvailable());
        for (UserProperty u : p.userProperties()) {
            out.writeByte(USER_PROPERTY);
            Wire.writeString(out, u.name());
            Wire.writeString(out, u.value());
        }
        writeInt(out, MAXIMUM_PACKET_SIZE, p.maximumPacketSize());
        writeByte(out, WILDCARD_SUBSCRIPTION_AVAILABLE, p.wildcardSubscriptionAvailable());
        writeByte(out, SUBSCRIPTION_IDENTIFIER_AVAILABLE, p.subscriptionIdentifiersAvailable());
        writeByte(out, SHARED_SUBSCRIPTION_AVAILABLE, p.sharedSubscriptionAvailable());
    }

    private static int byteSize(Integer v) {
        return v == null ? 0 : 2;
    }

    private static int shortSize(Integer v) {
        return v == null ? 0 : 3;
    }

    private static int intSize(Long v) {
        return v == null ? 0 : 5;
    }

    private static int stringSize(String v) {
        return v == null ? 0 : 1 + Wire.stringSize(v);
    }

    private static int binarySize(byte[] v) {
        return v == null ? 0 : 1 + Wire.binarySize(v);
    }

    private static void writeByte(ByteBuf out, int id, Integer v) {
        if (v != null) {
            out.writeByte(id);
            out.writeByte(v);
        }
    }

    private static void writeShort(ByteBuf out, int id, Integer v) {
        if (v != null) {
            out.writeByte(id);
            out.writeShort(v);
        }
    }

    private static void writeInt(ByteBuf out, int id, Long v) {
        if (v != null) {
            out.writeByte(id);
            out.writeInt((int) (long) v);
        }
    }

    private static void writeString(ByteBuf out, int id, String v) {
        if (v != null) {
            out.writeByte(id);
            Wire.writeString(out, v);
        }
    }

    private static void writeBinary(ByteBuf out, int id, byte[] v) {
        if (v != null) {
            out.writeByte(id);
            Wire.writeBinary(out, v);
        }
    }
}
