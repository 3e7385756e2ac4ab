package io.berth.core.store;

import io.berth.core.Message;
import io.berth.core.session.Delivery;
import io.berth.core.subscription.Subscription;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Durable state of the broker, as the core sees it: write-through of persistent sessions, their subscriptions,
 * their queued and inflight QoS 1/2 messages, QoS 2 packet identifiers awaiting PUBREL, and retained messages.
 *
 * <p>Threading: every write method may be called from any thread (the event loops call it), never blocks, and
 * copies what it needs before returning (a payload's bytes, not its reference). Writes submitted from one
 * thread are applied in the order submitted; writes from several threads are applied in the order they were
 * submitted overall (one queue). {@link #whenDurable} runs its callback once everything submitted before it
 * is durable in the configured sense.
 *
 * <p>Keys: a session is named by its client identifier; a stored message by its session and a broker-wide
 * message id from {@link #nextMessageId()}, increasing, so that stored messages reload in their original
 * order.
 */
public interface DurableState extends AutoCloseable {

    /** The state used when durability is off: nothing is written, nothing is recovered. */
    static DurableState memoryOnly() {
        return MemoryOnlyState.INSTANCE;
    }

    /** Whether anything is written. False for {@link #memoryOnly()}. */
    boolean enabled();

    /**
     * Whether PUBACK / PUBREC to a publisher wait for {@link #whenDurable} when the message was written
     * (sync modes {@code always} and {@code batch}).
     */
    boolean holdsAcknowledgements();

    /** A new broker-wide message id, greater than every id stored. Any thread. */
    long nextMessageId();

    /** Stores {@code message} as the retained message of its topic; its payload bytes are copied now. */
    void retainedPut(Message message);

    void retainedRemove(String topic);

    /** Creates or replaces the record of a persistent session. */
    void sessionPut(SessionRecord record);

    /** Removes a session and everything stored under it: subscriptions, messages, QoS 2 state. */
    void sessionDelete(String clientId);

    /** Stores a subscription under its full filter (with any {@code $share/} prefix). */
    void subscriptionPut(Subscription subscription);

    void subscriptionDelete(String clientId, String fullTopicFilter);

    /** Stores a QoS 1/2 delivery queued for a persistent session; its payload bytes are copied now. */
    void messagePut(String clientId, long messageId, Delivery delivery);

    /** The message was sent with this packet identifier and awaits PUBACK or PUBREC. */
    void messageSent(String clientId, long messageId, int packetId);

    /** PUBREC arrived and PUBREL was sent: only the packet identifier is kept, awaiting PUBCOMP. */
    void messageReleased(String clientId, long messageId, int packetId);

    /** The message is done with (acknowledged, expired or dropped). */
    void messageDelete(String clientId, long messageId);

    /** An inbound QoS 2 packet identifier of a persistent session awaits PUBREL. */
    void awaitingReleasePut(String clientId, int packetId);

    void awaitingReleaseDelete(String clientId, int packetId);

    /** Creates or replaces the will of a persistent session (one per client id). Default: nothing is written. */
    default void willPut(StoredWill will) {
    }

    /** The will was published, discarded or cancelled. Default: nothing is written. */
    default void willDelete(String clientId) {
    }

    /**
     * Every stored will, also of sessions that ended while the broker was stopped (their wills are due at once).
     * Start-up, before listeners open. Default: none.
     */
    default List<StoredWill> recoverWills() {
        return List.of();
    }

    /**
     * True while the store refuses new messages because its disk is full or over the configured limits
     * ({@code durability.max_disk_usage}, {@code durability.min_free_disk}): QoS 1/2 and retained PUBLISH packets
     * are then refused. Any thread. Default: never.
     */
    default boolean full() {
        return false;
    }

    /**
     * Runs {@code callback} on {@code executor} once every write submitted before this call is durable
     * ({@code true}), or could not be written, e.g. because the disk is full ({@code false}). With sync mode
     * {@code none} it runs once the writes are applied, without waiting for the disk.
     */
    void whenDurable(Executor executor, Consumer<Boolean> callback);

    /** Every stored retained message, each with a payload the consumer owns. Start-up, before listeners open. */
    void recoverRetained(Consumer<Message> consumer);

    /**
     * Every stored persistent session with what it holds. Sessions that expired at {@code nowMillis} are not
     * returned and are deleted, with records left without a session. Start-up, before listeners open.
     */
    List<StoredSession> recoverSessions(long nowMillis);

    /** Writes what is queued and closes the store. */
    @Override
    void close();
}
