package io.berth.codec;

import io.netty.buffer.ByteBuf;

/**
 * PUBLISH (spec 3.3). The payload is a reference-counted buffer owned by whoever holds the packet: the
 * holder releases it (or hands it on) exactly once. {@code packetId} is 0 for QoS 0. {@code topic} may be
 * empty in MQTT 5 when a Topic Alias names the topic.
 */
public record PublishPacket(String topic, int qos, boolean retain, boolean dup, int packetId,
                            MqttProperties properties, ByteBuf payload) implements MqttPacket {

    public PublishPacket {
        properties = properties == null ? MqttProperties.EMPTY : properties;
    }

    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }

    /** Releases the payload once. */
    public void release() {
        payload.release();
    }

    @Override
    public String toString() {
        return "PublishPacket{topic='" + topic + "', qos=" + qos + ", retain=" + retain + ", dup=" + dup
                + ", packetId=" + packetId + ", properties=" + properties + ", payload="
                + (payload.refCnt() > 0 ? payload.readableBytes() + " bytes" : "released") + '}';
    }
}
