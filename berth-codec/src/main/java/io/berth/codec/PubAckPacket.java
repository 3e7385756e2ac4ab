package io.berth.codec;

/** PUBACK (spec 3.4). In MQTT 3.x only the packet identifier is on the wire. */
public record PubAckPacket(int packetId, ReasonCode reasonCode, MqttProperties properties) implements MqttPacket {

    public PubAckPacket {
        reasonCode = reasonCode == null ? ReasonCode.SUCCESS : reasonCode;
        properties = properties == null ? MqttProperties.EMPTY : properties;
    }

    public PubAckPacket(int packetId) {
        this(packetId, ReasonCode.SUCCESS, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBACK;
    }
}
