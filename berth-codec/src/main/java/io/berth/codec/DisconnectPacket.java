package io.berth.codec;

/** DISCONNECT (spec 3.14). MQTT 3.x sends it only from client to server, with no variable header. */
public record DisconnectPacket(ReasonCode reasonCode, MqttProperties properties) implements MqttPacket {

    public DisconnectPacket {
        reasonCode = reasonCode == null ? ReasonCode.NORMAL_DISCONNECTION : reasonCode;
        properties = properties == null ? MqttProperties.EMPTY : properties;
    }

    public DisconnectPacket(ReasonCode reasonCode) {
        this(reasonCode, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }
}
