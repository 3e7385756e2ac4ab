package io.berth.core.retain;

import io.berth.codec.MqttProperties;
import io.berth.core.Message;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Building and releasing messages in retained-store tests. */
final class RetainedMessages {

    private RetainedMessages() {
    }

    /** A retained message whose payload the caller owns. */
    static Message message(String topic, String payload) {
        return message(topic, payload, Message.NEVER_EXPIRES);
    }

    static Message message(String topic, String payload, long expiresAtMillis) {
        return new Message(topic, 1, true, Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8),
                MqttProperties.EMPTY, expiresAtMillis, "publisher", 1_000L);
    }

    /** Puts a message and releases the caller's reference, as the router does. */
    static void put(RetainedStore store, String topic, String payload) {
        Message m = message(topic, payload);
        try {
            store.put(m);
        } finally {
            m.release();
        }
    }

    static String payload(Message m) {
        return m.payload().toString(StandardCharsets.UTF_8);
    }

    /** Reads the payload of {@code m} and releases it. */
    static String consume(Message m) {
        try {
            return payload(m);
        } finally {
            m.release();
        }
    }

    /** The topics of {@code messages}, sorted, releasing every message. */
    static List<String> topicsAndRelease(List<Message> messages) {
        List<String> topics = messages.stream().map(Message::topic).sorted().toList();
        messages.forEach(Message::release);
        return topics;
    }
}
