package io.berth.core.retain;

import io.berth.codec.MqttProperties;
import io.berth.core.Message;
import io.berth.core.session.Delivery;
import io.berth.core.store.DurableState;
import io.berth.core.store.SessionRecord;
import io.berth.core.store.StoredSession;
import io.berth.core.subscription.Subscription;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class WriteThroughRetainedStoreTest {

    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final WriteThroughRetainedStore store = new WriteThroughRetainedStore(new InMemoryRetainedStore(),
            new RecordingState());

    private static Message message(String topic, String payload) {
        return new Message(topic, 1, true, Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8),
                MqttProperties.EMPTY, Message.NEVER_EXPIRES, "p", 0);
    }

    private void put(String topic, String payload) {
        Message m = message(topic, payload);
        try {
            store.put(m);
        } finally {
            m.release();
        }
    }

    @Test
    void putsAndEmptyPayloads_areWrittenThrough_MQTT_3_3_1_6() {
        put("a/b", "x");
        put("a/b", "");
        assertThat(writes).containsExactly("put a/b", "remove a/b");
        assertThat(store.size()).isZero();
    }

    @Test
    void sysTopics_stayInMemoryOnly() {
        put("$SYS/broker/uptime", "10");
        assertThat(writes).isEmpty();
        assertThat(store.size()).isOne();
        Message got = store.get("$SYS/broker/uptime");
        assertThat(got.payload().toString(StandardCharsets.UTF_8)).isEqualTo("10");
        got.release();
    }

    @Test
    void recover_loadsWhatTheStoreHolds() {
        WriteThroughRetainedStore recovering = new WriteThroughRetainedStore(new InMemoryRetainedStore(),
                new RecordingState() {
                    @Override
                    public void recoverRetained(Consumer<Message> consumer) {
                        consumer.accept(message("kept/1", "one"));
                        consumer.accept(message("kept/2", "two"));
                    }
                });
        recovering.recover();
        List<Message> all = recovering.match("kept/#", 0);
        assertThat(all).extracting(Message::topic).containsExactlyInAnyOrder("kept/1", "kept/2");
        all.forEach(Message::release);
    }

    private class RecordingState implements DurableState {
        @Override public boolean enabled() { return true; }
        @Override public boolean holdsAcknowledgements() { return true; }
        @Override public long nextMessageId() { return 1; }
        @Override public void retainedPut(Message m) { writes.add("put " + m.topic()); }
        @Override public void retainedRemove(String topic) { writes.add("remove " + topic); }
        @Override public void sessionPut(SessionRecord r) { }
        @Override public void sessionDelete(String clientId) { }
        @Override public void subscriptionPut(Subscription s) { }
        @Override public void subscriptionDelete(String c, String f) { }
        @Override public void messagePut(String c, long id, Delivery d) { }
        @Override public void messageSent(String c, long id, int p) { }
        @Override public void messageReleased(String c, long id, int p) { }
        @Override public void messageDelete(String c, long id) { }
        @Override public void awaitingReleasePut(String c, int p) { }
        @Override public void awaitingReleaseDelete(String c, int p) { }
        @Override public void whenDurable(Executor e, Consumer<Boolean> cb) { e.execute(() -> cb.accept(true)); }
        @Override public void recoverRetained(Consumer<Message> consumer) { }
        @Override public List<StoredSession> recoverSessions(long nowMillis) { return List.of(); }
        @Override public void close() { }
    }
}
