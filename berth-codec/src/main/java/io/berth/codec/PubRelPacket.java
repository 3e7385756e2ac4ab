package io.berth.codec;

/** PUBREL (spec 3.6). In MQTT 3.x only the packet identifier is on the wire. */
public record PubRelPacket(int packetId, ReasonCode reasonCode, MqttProperties properties) implements MqttPacket {

    public PubRelPacket {
        reasonCode = reasonCode == null ? ReasonCode.SUCCESS : reasonCode;
        properties = properties == null ? MqttProperties.EMPTY : properties;
    }

    public PubRelPacket(int packetId) {
        this(packetId, ReasonCode.SUCCESS, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREL;
    }
}
