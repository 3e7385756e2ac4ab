package io.berth.core.store;

import io.berth.core.Message;
import io.berth.core.session.Delivery;
import io.berth.core.subscription.Subscription;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Durability off: nothing is written, nothing survives a restart, acknowledgements are never held. */
final class MemoryOnlyState implements DurableState {

    static final MemoryOnlyState INSTANCE = new MemoryOnlyState();

    private final AtomicLong ids = new AtomicLong();

    private MemoryOnlyState() {
    }

    @Override public boolean enabled() { return false; }
    @Override public boolean holdsAcknowledgements() { return false; }
    @Override public long nextMessageId() { return ids.incrementAndGet(); }
    @Override public void retainedPut(Message message) { }
    @Override public void retainedRemove(String topic) { }
    @Override public void sessionPut(SessionRecord record) { }
    @Override public void sessionDelete(String clientId) { }
    @Override public void subscriptionPut(Subscription subscription) { }
    @Override public void subscriptionDelete(String clientId, String fullTopicFilter) { }
    @Override public void messagePut(String clientId, long messageId, Delivery delivery) { }
    @Override public void messageSent(String clientId, long messageId, int packetId) { }
    @Override public void messageReleased(String clientId, long messageId, int packetId) { }
    @Override public void messageDelete(String clientId, long messageId) { }
    @Override public void awaitingReleasePut(String clientId, int packetId) { }
    @Override public void awaitingReleaseDelete(String clientId, int packetId) { }

    @Override
    public void whenDurable(Executor executor, Consumer<Boolean> callback) {
        executor.execute(() -> callback.accept(true));
    }

    @Override public void recoverRetained(Consumer<Message> consumer) { }
    @Override public List<StoredSession> recoverSessions(long nowMillis) { return List.of(); }
    @Override public void close() { }
}
