package io.berth.codec;

/** AUTH (spec 3.15), MQTT 5 only. */
public record AuthPacket(ReasonCode reasonCode, MqttProperties properties) implements MqttPacket {

    public AuthPacket {
        reasonCode = reasonCode == null ? ReasonCode.SUCCESS : reasonCode;
        properties = properties == null ? MqttProperties.EMPTY : properties;
    }

    @Override
    public PacketType type() {
        return PacketType.AUTH;
    }
}
