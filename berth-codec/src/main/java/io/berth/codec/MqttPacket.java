package io.berth.codec;

/** A decoded MQTT control packet. Implementations are immutable records. */
public sealed interface MqttPacket permits ConnectPacket, ConnAckPacket, PublishPacket, PubAckPacket,
        PubRecPacket, PubRelPacket, PubCompPacket, SubscribePacket, SubAckPacket, UnsubscribePacket,
        UnsubAckPacket, PingReqPacket, PingRespPacket, DisconnectPacket, AuthPacket {

    PacketType type();
}
