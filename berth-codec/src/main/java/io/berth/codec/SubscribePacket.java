package io.berth.codec;

import java.util.List;

/** SUBSCRIBE (spec 3.8). */
public record SubscribePacket(int packetId, List<SubscriptionRequest> subscriptions, MqttProperties properties)
        implements MqttPacket {

    public SubscribePacket {
        subscriptions = List.copyOf(subscriptions);
        properties = properties == null ? MqttProperties.EMPTY : properties;
    }

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }
}
