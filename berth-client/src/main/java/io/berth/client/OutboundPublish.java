package io.berth.client;

import io.berth.codec.MqttProperties;
import io.berth.codec.ReasonCode;

import java.util.concurrent.CompletableFuture;

/**
 * One application message on its way out, from {@link MqttClient#publish} until its QoS flow ends. The payload
 * is kept as an array so that nothing reference-counted waits in a queue. Event loop only after creation.
 */
final class OutboundPublish {

    final String topic;
    final byte[] payload;
    final int qos;
    final boolean retain;
    final MqttProperties properties;
    final CompletableFuture<ReasonCode> result;
    /** QoS 2: PUBREC received and PUBREL sent; now waiting for PUBCOMP. */
    boolean released;

    OutboundPublish(String topic, byte[] payload, int qos, boolean retain, MqttProperties properties,
                    CompletableFuture<ReasonCode> result) {
        this.topic = topic;
        this.payload = payload;
        this.qos = qos;
        this.retain = retain;
        this.properties = properties == null ? MqttProperties.EMPTY : properties;
        this.result = result;
    }
}
