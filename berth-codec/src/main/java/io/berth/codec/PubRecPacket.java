package io.berth.codec;

/** PUBREC (spec 3.5). In MQTT 3.x only the packet identifier is on the wire. */
public record PubRecPacket(int packetId, ReasonCode reasonCode, MqttProperties properties) implements MqttPacket {

    public PubRecPacket {
        reasonCode = reasonCode == null ? ReasonCode.SUCCESS : reasonCode;
        properties = properties == null ? MqttProperties.EMPTY : properties;
    }

    public PubRecPacket(int packetId) {
        this(packetId, ReasonCode.SUCCESS, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREC;
    }
}
