package io.berth.codec;

import io.netty.buffer.ByteBuf;

/** Decodes the bodies of PUBLISH (spec 3.3) and of its acknowledgements PUBACK, PUBREC, PUBREL and PUBCOMP. */
final class PublishDecoder {

    private static final int PUBLISH = PropertyIds.bit(PacketType.PUBLISH);

    private PublishDecoder() {
    }

    /**
     * Decodes a PUBLISH whose fixed-header flags were already checked. The payload is a retained slice of the
     * input: no bytes are copied, and the packet's holder must release it.
     */
    static PublishPacket decodePublish(ByteBuf in, int flags, MqttVersion version) {
        int qos = (flags >> 1) & 0x03;
        boolean dup = (flags & 0x08) != 0;
        boolean retain = (flags & 0x01) != 0;
        String topic = Wire.readString(in, "Topic Name");
        int packetId = qos > 0 ? Wire.readPacketId(in) : 0;
        MqttProperties properties = version.isV5() ? PropertiesDecoder.read(in, PUBLISH) : MqttProperties.EMPTY;
        checkTopic(topic, properties, version);
        ByteBuf payload = in.readRetainedSlice(in.readableBytes());
        return new PublishPacket(topic, qos, retain, dup, packetId, properties, payload);
    }

    private static void checkTopic(String topic, MqttProperties properties, MqttVersion version) {
        if (topic.isEmpty()) {
            if (!version.isV5()) {
                throw new DecodeException(ReasonCode.TOPIC_NAME_INVALID, "empty Topic Name (MQTT-4.7.3-1)");
            }
            if (properties.topicAlias() == null) {
                throw DecodeException.protocolError("empty Topic Name without a Topic Alias (MQTT-3.3.2-1)");
            }
            return;
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#') {
                // Malformed, not 0x90 Topic Name invalid: 0x90 is for a correctly formed name the server refuses
                throw DecodeException.malformed("wildcard in Topic Name '" + topic + "' (MQTT-3.3.2-2)");
            }
        }
    }

    /** Decodes PUBACK, PUBREC, PUBREL or PUBCOMP. */
    static MqttPacket decodeAck(ByteBuf in, PacketType type, MqttVersion version) {
        int packetId = Wire.readPacketId(in);
        ReasonCode code = ReasonCode.SUCCESS;
        MqttProperties properties = MqttProperties.EMPTY;
        if (version.isV5() && in.isReadable()) {
            // Reason Code and Property Length may be left out (spec 3.4.2.1, 3.4.2.2.1)
            code = Wire.readReasonCode(in);
            if (in.isReadable()) {
                properties = PropertiesDecoder.read(in, PropertyIds.bit(type));
            }
        }
        return switch (type) {
            case PUBACK -> new PubAckPacket(packetId, code, properties);
            case PUBREC -> new PubRecPacket(packetId, code, properties);
            case PUBREL -> new PubRelPacket(packetId, code, properties);
            case PUBCOMP -> new PubCompPacket(packetId, code, properties);
            default -> throw new IllegalArgumentException(type.name());
        };
    }
}
