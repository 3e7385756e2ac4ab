package io.berth.codec;

import java.util.List;

/** UNSUBSCRIBE (spec 3.10). */
public record UnsubscribePacket(int packetId, List<String> topicFilters, MqttProperties properties)
        implements MqttPacket {

    public UnsubscribePacket {
        topicFilters = List.copyOf(topicFilters);
        properties = properties == null ? MqttProperties.EMPTY : properties;
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }
}
