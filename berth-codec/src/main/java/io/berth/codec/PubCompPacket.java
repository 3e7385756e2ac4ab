package io.berth.codec;

/** PUBCOMP (spec 3.7). In MQTT 3.x only the packet identifier is on the wire. */
public record PubCompPacket(int packetId, ReasonCode reasonCode, MqttProperties properties) implements MqttPacket {

    public PubCompPacket {
        reasonCode = reasonCode == null ? ReasonCode.SUCCESS : reasonCode;
        properties = properties == null ? MqttProperties.EMPTY : properties;
    }

    public PubCompPacket(int packetId) {
        this(packetId, ReasonCode.SUCCESS, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBCOMP;
    }
}
