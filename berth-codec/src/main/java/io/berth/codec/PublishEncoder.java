package io.berth.codec;

import io.netty.buffer.ByteBuf;

/** Encodes PUBLISH headers (the payload travels as its own buffer) and PUBACK, PUBREC, PUBREL, PUBCOMP. */
final class PublishEncoder {

    private PublishEncoder() {
    }

    static int firstByte(PublishPacket p) {
        if (p.qos() < 0 || p.qos() > 2) {
            throw new IllegalArgumentException("PUBLISH QoS " + p.qos());
        }
        return (PacketType.PUBLISH.value() << 4) | (p.dup() ? 0x08 : 0) | (p.qos() << 1) | (p.retain() ? 1 : 0);
    }

    /** Variable header size: topic, packet identifier, properties (no payload). */
    static int headerSize(PublishPacket p, MqttVersion v) {
        int n = Wire.stringSize(p.topic()) + (p.qos() > 0 ? 2 : 0);
        if (v.isV5()) {
            n += PropertiesEncoder.blockSize(PropertiesEncoder.size(p.properties()));
        }
        return n;
    }

    static void writeHeader(ByteBuf out, PublishPacket p, MqttVersion v) {
        Wire.writeString(out, p.topic());
        if (p.qos() > 0) {
            out.writeShort(p.packetId());
        }
        if (v.isV5()) {
            PropertiesEncoder.write(out, p.properties(), PropertiesEncoder.size(p.properties()));
        }
    }

    /**
     * PUBACK, PUBREC, PUBREL, PUBCOMP: the packet identifier, then in MQTT 5 the Reason Code and properties,
     * left out when they are Success and empty (spec 3.4.2.1).
     */
    static int ackSize(int packetId, ReasonCode code, MqttProperties properties, MqttVersion v) {
        if (!v.isV5()) {
            return 2;
        }
        int propertiesSize = PropertiesEncoder.size(properties);
        if (propertiesSize > 0) {
            return 3 + PropertiesEncoder.blockSize(propertiesSize);
        }
        return code == ReasonCode.SUCCESS ? 2 : 3;
    }

    static void writeAck(ByteBuf out, int packetId, ReasonCode code, MqttProperties properties, MqttVersion v) {
        out.writeShort(packetId);
        if (!v.isV5()) {
            return;
        }
        int propertiesSize = PropertiesEncoder.size(properties);
        if (propertiesSize > 0) {
            out.writeByte(code.value());
            PropertiesEncoder.write(out, properties, propertiesSize);
        } else if (code != ReasonCode.SUCCESS) {
            out.writeByte(code.value());
        }
    }
}
