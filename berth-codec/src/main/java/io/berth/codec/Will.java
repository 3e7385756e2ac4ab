package io.berth.codec;

import java.util.Objects;

/**
 * The Will Message carried in CONNECT. The payload is a small byte array: wills are not on the hot path,
 * and a plain array keeps CONNECT free of reference counting.
 */
public record Will(String topic, byte[] payload, int qos, boolean retain, MqttProperties properties) {
    public Will {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        properties = properties == null ? MqttProperties.EMPTY : properties;
    }
}
