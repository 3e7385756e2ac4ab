package io.berth.core;

import io.berth.codec.MqttProperties;
import io.netty.buffer.ByteBuf;

/**
 * An application message as the broker routes it: independent of the connection it arrived on.
 *
 * <p>{@code properties} holds only what is forwarded to subscribers unchanged (payload format indicator,
 * content type, response topic, correlation data, user properties); topic alias and subscription
 * identifiers are per connection and set on delivery, and the message expiry interval is derived from
 * {@code expiresAtMillis} on delivery.
 *
 * <p>The payload is reference counted. Each holder (a queue, an inflight slot, the router while it fans
 * out) owns one reference and releases it once; fan-out hands out {@link #retainedPayload()} duplicates so
 * every subscriber shares the same bytes.
 */
public record Message(String topic, int qos, boolean retain, ByteBuf payload, MqttProperties properties,
                      long expiresAtMillis, String publisherClientId, long receivedAtMillis) {

    public static final long NEVER_EXPIRES = 0L;

    public Message {
        properties = properties == null ? MqttProperties.EMPTY : properties;
    }

    public boolean isExpired(long nowMillis) {
        return expiresAtMillis != NEVER_EXPIRES && nowMillis >= expiresAtMillis;
    }

    /** Remaining message expiry interval in seconds (rounded up), or {@code null} when it never expires. */
    public Long remainingExpirySeconds(long nowMillis) {
        if (expiresAtMillis == NEVER_EXPIRES) {
            return null;
        }
        long remaining = Math.max(0, expiresAtMillis - nowMillis);
        return (remaining + 999) / 1000;
    }

    /** A new reference to the same payload bytes with independent indexes. */
    public ByteBuf retainedPayload() {
        return payload.retainedDuplicate();
    }

    /** The same message with another payload reference (the caller hands that reference over). */
    public Message withPayload(ByteBuf newPayload) {
        return new Message(topic, qos, retain, newPayload, properties, expiresAtMillis, publisherClientId,
                receivedAtMillis);
    }

    /** The same message at another QoS and retain flag, sharing the payload reference. */
    public Message with(int newQos, boolean newRetain) {
        return new Message(topic, newQos, newRetain, payload, properties, expiresAtMillis, publisherClientId,
                receivedAtMillis);
    }

    public void release() {
        payload.release();
    }
}
