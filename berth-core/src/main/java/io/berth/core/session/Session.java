package io.berth.core.session;

import io.berth.core.metrics.BrokerMetrics;
import io.berth.core.subscription.Subscription;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The server side of an MQTT session (spec 4.1): subscriptions, messages queued or in flight to the
 * client, and QoS 2 messages from the client awaiting PUBREL. It outlives connections when its expiry
 * interval is above zero.
 *
 * <p>Threading: all state is owned by one thread at a time, {@link #owner()}: the event loop of the
 * connection it is attached to, or of the last one it was attached to. Other threads hand work over with
 * {@link #execute(Runnable)}, which follows the owner if it moves. Only the owner moves the owner.
 */
public final class Session {

    /** Session Expiry Interval value meaning "never expires" (spec 3.1.2.11.2). */
    public static final long NEVER_EXPIRES = 0xFFFFFFFFL;

    private final String clientId;
    private volatile EventExecutor owner;
    private volatile boolean destroyed;
    private volatile boolean connected;
    private volatile boolean durable;

    private SessionOutbound outbound;
    private long expiryIntervalSeconds;
    private ScheduledFuture<?> expiryTask;
    private int nextPacketId = 1;
    private int protocolLevel;

    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final LinkedHashMap<Integer, InflightMessage> inflight = new LinkedHashMap<>();
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private final Set<Integer> awaitingRelease = new HashSet<>();

    public Session(String clientId, EventExecutor owner) {
        this.clientId = clientId;
        this.owner = owner;
    }

    public String clientId() {
        return clientId;
    }

    public EventExecutor owner() {
        return owner;
    }

    /** Moves ownership; call on the current owner thread only. */
    public void moveTo(EventExecutor newOwner) {
        assert owner.inEventLoop();
        this.owner = newOwner;
    }

    /**
     * Runs a task on the owner thread: at once if the caller is the owner, else queued to the owner. If the
     * owner moved while the task was queued, the task follows it. Any thread.
     */
    public void execute(Runnable task) {
        EventExecutor o = owner;
        if (o.inEventLoop()) {
            task.run();
        } else {
            o.execute(() -> execute(task));
        }
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    /** True while a connection is attached. Readable from any thread (a hint for shared subscriptions). */
    public boolean isConnected() {
        return connected;
    }

    /**
     * True while the session is persistent and durability is on: its state is written to the durable store.
     * Readable from any thread (the router stores messages for it on the publisher's thread).
     */
    public boolean isDurable() {
        return durable;
    }

    /** Owner thread. */
    public void durable(boolean value) {
        this.durable = value;
    }

    /** Owner thread. */
    public void markDestroyed() {
        destroyed = true;
    }

    /** Owner thread. */
    public void attach(SessionOutbound out) {
        this.outbound = out;
        this.connected = true;
        cancelExpiry();
    }

    /** Owner thread. */
    public void detach() {
        this.outbound = null;
        this.connected = false;
    }

    public SessionOutbound outbound() {
        return outbound;
    }

    /** Protocol level (3, 4, 5) of the last connection attached; 0 before the first. Owner thread. */
    public int protocolLevel() {
        return protocolLevel;
    }

    public void protocolLevel(int level) {
        this.protocolLevel = level;
    }

    public long expiryIntervalSeconds() {
        return expiryIntervalSeconds;
    }

    public void expiryIntervalSeconds(long seconds) {
        this.expiryIntervalSeconds = seconds;
    }

    /** Owner thread. Replaces any pending expiry. */
    public void expiryTask(ScheduledFuture<?> task) {
        cancelExpiry();
        this.expiryTask = task;
    }

    public void cancelExpiry() {
        if (expiryTask != null) {
            expiryTask.cancel(false);
            expiryTask = null;
        }
    }

    public Map<String, Subscription> subscriptions() {
        return subscriptions;
    }

    public LinkedHashMap<Integer, InflightMessage> inflight() {
        return inflight;
    }

    public ArrayDeque<Delivery> queue() {
        return queue;
    }

    public Set<Integer> awaitingRelease() {
        return awaitingRelease;
    }

    /** Next free packet identifier for an outbound QoS 1/2 message, skipping those in flight. Owner thread. */
    public int nextPacketId() {
        for (int i = 0; i < 65535; i++) {
            int id = nextPacketId;
            nextPacketId = id == 65535 ? 1 : id + 1;
            if (!inflight.containsKey(id)) {
                return id;
            }
        }
        throw new IllegalStateException("no free packet identifier");
    }

    /**
     * Queues a delivery while the client is offline or its inflight window is full. When the queue is full
     * the oldest queued QoS 0 message makes room; if there is none, the new message is dropped. Every message lost
     * so is counted in {@code metrics} (dropped, and dropped for a full queue). Owner thread.
     *
     * @return false if the delivery was dropped (and released)
     */
    public boolean offer(Delivery delivery, int maxQueueLength, boolean queueQos0WhileOffline, BrokerMetrics metrics) {
        if (delivery.qos() == 0 && !connected && !queueQos0WhileOffline) {
            delivery.release();
            metrics.messageDropped();
            return false;
        }
        if (maxQueueLength > 0 && queue.size() >= maxQueueLength) {
            if (!evictOldestQos0()) {
                delivery.release();
                metrics.messageDroppedQueueFull();
                return false;
            }
            metrics.messageDroppedQueueFull(); // the evicted QoS 0 message
        }
        queue.addLast(delivery);
        return true;
    }

    private boolean evictOldestQos0() {
        for (Iterator<Delivery> it = queue.iterator(); it.hasNext(); ) {
            Delivery d = it.next();
            if (d.qos() == 0) {
                it.remove();
                d.release();
                return true;
            }
        }
        return false;
    }

    /** A copy of what the session holds now. Owner thread. */
    public SessionSnapshot snapshot() {
        return new SessionSnapshot(clientId, connected, expiryIntervalSeconds, protocolLevel,
                new ArrayList<>(subscriptions.values()), inflight.size(), queue.size(), awaitingRelease.size());
    }

    /**
     * A copy of what the session holds, taken on its owner thread. Any thread: the future completes once the owner
     * ran the copy (it fails if the owner has shut down).
     */
    public CompletableFuture<SessionSnapshot> snapshotOnOwner() {
        CompletableFuture<SessionSnapshot> result = new CompletableFuture<>();
        try {
            execute(() -> result.complete(snapshot()));
        } catch (RuntimeException e) { // the owner is shutting down
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Releases every payload the session still holds. Owner thread, when the session ends. */
    public void releaseMessages() {
        for (InflightMessage m : inflight.values()) {
            m.discard();
        }
        inflight.clear();
        for (Iterator<Delivery> it = queue.iterator(); it.hasNext(); ) {
            it.next().release();
            it.remove();
        }
        awaitingRelease.clear();
    }
}
