package io.berth.codec;

import java.util.List;

/** SUBACK (spec 3.9). In MQTT 3.x the codes are the granted QoS (0x00-0x02) or 0x80 for failure. */
public record SubAckPacket(int packetId, List<ReasonCode> reasonCodes, MqttProperties properties)
        implements MqttPacket {

    public SubAckPacket {
        reasonCodes = List.copyOf(reasonCodes);
        properties = properties == null ? MqttProperties.EMPTY : properties;
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }
}
