package io.berth.codec;

/** CONNACK (spec 3.2). For MQTT 3.x the encoder maps the reason code to a 3.1.1 return code. */
public record ConnAckPacket(boolean sessionPresent, ReasonCode reasonCode, MqttProperties properties)
        implements MqttPacket {

    public ConnAckPacket {
        properties = properties == null ? MqttProperties.EMPTY : properties;
    }

    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }
}
