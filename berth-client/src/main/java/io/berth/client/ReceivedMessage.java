package io.berth.client;

import io.berth.codec.MqttProperties;

/**
 * An application message the server delivered. The payload is a copy the listener may keep. {@code properties}
 * are the MQTT 5 PUBLISH properties (empty in 3.x).
 */
public record ReceivedMessage(String topic, byte[] payload, int qos, boolean retain, boolean dup,
                              MqttProperties properties) {
}
