package io.berth.core.retain;

import io.berth.codec.MqttProperties;
import io.berth.core.Message;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** A retained message as stored: the payload copied into a byte array that is never modified. Immutable. */
record RetainedEntry(String topic, int qos, byte[] payload, MqttProperties properties, long expiresAtMillis,
                     String publisherClientId, long receivedAtMillis) {

    /** Copies the readable bytes of {@code message}'s payload, leaving its indexes and reference count alone. */
    static RetainedEntry copyOf(Message message) {
        return new RetainedEntry(message.topic(), message.qos(), ByteBufUtil.getBytes(message.payload()),
                message.properties(), message.expiresAtMillis(), message.publisherClientId(),
                message.receivedAtMillis());
    }

    boolean isExpired(long nowMillis) {
        return expiresAtMillis != Message.NEVER_EXPIRES && nowMillis >= expiresAtMillis;
    }

    /** A message with a new read-only buffer over the stored bytes, owned by the caller. */
    Message toMessage() {
        return new Message(topic, qos, true, Unpooled.wrappedBuffer(payload).asReadOnly(), properties,
                expiresAtMillis, publisherClientId, receivedAtMillis);
    }
}
