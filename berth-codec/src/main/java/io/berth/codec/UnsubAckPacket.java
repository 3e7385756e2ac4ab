package io.berth.codec;

import java.util.List;

/** UNSUBACK (spec 3.11). In MQTT 3.x only the packet identifier is on the wire. */
public record UnsubAckPacket(int packetId, List<ReasonCode> reasonCodes, MqttProperties properties)
        implements MqttPacket {

    public UnsubAckPacket {
        reasonCodes = List.copyOf(reasonCodes);
        properties = properties == null ? MqttProperties.EMPTY : properties;
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBACK;
    }
}
