package io.berth.core.will;

import io.berth.codec.MqttProperties;
import io.berth.codec.Will;
import io.berth.core.Message;
import io.berth.core.routing.MessageRouter;
import io.berth.core.session.Session;
import io.berth.core.session.SessionRegistry;
import io.berth.core.store.DurableState;
import io.berth.core.store.StoredWill;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Publishes Will Messages (spec 3.1.2.5, 3.1.3.2.2): at once when the Will Delay Interval is 0, otherwise
 * after the delay or when the session ends, whichever comes first; not at all when a new connection
 * resumes the session before the delay has passed. Any thread.
 *
 * <p>The will of a persistent session is part of its state (spec 4.1) and is kept in the durable store from the
 * moment its connection attaches ({@link #armed}): a broker that crashes or stops publishes it after the restart
 * when its delay has passed, or at once if the session ended meanwhile; a client that resumes the session in time
 * cancels it (MQTT-3.1.3-9). Wills of sessions that end with their connection are never written.
 */
public final class WillPublisher {

    private static final Logger LOG = LoggerFactory.getLogger("event.will");

    private final MessageRouter router;
    private final Clock clock;
    private final DurableState durable;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    /** Client ids whose will is in the durable store. */
    private final Set<String> stored = ConcurrentHashMap.newKeySet();

    public WillPublisher(MessageRouter router, Clock clock) {
        this(router, clock, DurableState.memoryOnly());
    }

    public WillPublisher(MessageRouter router, Clock clock, DurableState durable) {
        this.router = router;
        this.clock = clock;
        this.durable = durable;
    }

    /**
     * A connection of a persistent session attached with this will: it is stored, so that it survives a crash.
     * Call with a null will when the connection has none (a stored will of an earlier connection is dropped).
     */
    public void armed(String clientId, Will will, long delaySeconds) {
        if (will == null) {
            forget(clientId);
            return;
        }
        stored.add(clientId);
        durable.willPut(new StoredWill(clientId, will, delaySeconds, StoredWill.ARMED));
    }

    /** The connection ended with a normal DISCONNECT: its will is discarded (MQTT-3.1.2-10). */
    public void discarded(String clientId) {
        forget(clientId);
    }

    /**
     * Handles the will of a connection that ended without a normal DISCONNECT.
     *
     * @param delaySeconds the will delay, already capped by the session expiry interval
     * @param executor     where the delayed publication runs
     */
    public void connectionLost(String clientId, Will will, long delaySeconds, EventExecutor executor) {
        if (delaySeconds <= 0) {
            publish(clientId, will);
            return;
        }
        long delayMillis = delaySeconds * 1000;
        if (stored.contains(clientId)) {
            durable.willPut(new StoredWill(clientId, will, delaySeconds, clock.millis() + delayMillis));
        }
        schedule(clientId, will, delayMillis, executor);
    }

    private void schedule(String clientId, Will will, long delayMillis, EventExecutor executor) {
        Pending p = new Pending(will);
        Pending previous = pending.put(clientId, p);
        if (previous != null) {
            previous.cancel();
        }
        p.task = executor.schedule(() -> {
            if (pending.remove(clientId, p)) {
                publish(clientId, will);
            }
        }, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    }

    /**
     * Broker shutdown, for a connection still open: a stored will with a delay stays in the store, due after its
     * delay (published after the next start, or cancelled by a client that resumes in time); any other goes now.
     */
    public void shutdown(String clientId, Will will, long delaySeconds) {
        if (delaySeconds > 0 && stored.contains(clientId)) {
            durable.willPut(new StoredWill(clientId, will, delaySeconds, clock.millis() + delaySeconds * 1000));
            stored.remove(clientId);
            return;
        }
        publish(clientId, will);
    }

    /**
     * Start-up, after the sessions were recovered: each stored will is scheduled for when it is due, counted from
     * now for a will whose connection was open when the broker stopped (the crash closed it), or published at once
     * when it is due or its session no longer exists (the session ended, spec 3.1.3.2.2).
     *
     * @return the number of wills scheduled
     */
    public int recover(List<StoredWill> wills, SessionRegistry sessions) {
        long now = clock.millis();
        int scheduled = 0;
        for (StoredWill w : wills) {
            Session session = sessions.get(w.clientId());
            long dueAt = w.armed() ? now + w.delaySeconds() * 1000 : w.dueAtMillis();
            stored.add(w.clientId());
            if (session == null || dueAt <= now) {
                LOG.info("will.recovered clientId={} due=now session={}", w.clientId(),
                        session == null ? "ended" : "present");
                publish(w.clientId(), w.will());
                continue;
            }
            if (w.armed()) {
                durable.willPut(new StoredWill(w.clientId(), w.will(), w.delaySeconds(), dueAt));
            }
            LOG.info("will.recovered clientId={} due_in={}ms", w.clientId(), dueAt - now);
            schedule(w.clientId(), w.will(), dueAt - now, session.owner());
            scheduled++;
        }
        return scheduled;
    }

    /** A new connection resumed the session: a delayed will is not sent (MQTT-3.1.3-9). */
    public void cancel(String clientId) {
        Pending p = pending.remove(clientId);
        if (p != null) {
            p.cancel();
            LOG.debug("will.cancelled clientId={}", clientId);
        }
        forget(clientId);
    }

    /** The session ended: a delayed will is sent now. */
    public void sessionEnded(String clientId) {
        Pending p = pending.remove(clientId);
        if (p != null) {
            p.cancel();
            publish(clientId, p.will);
        }
    }

    /**
     * Broker shutdown: publishes every delayed will at once, except stored ones, which stay in the store and are
     * published after the next start when due.
     */
    public void publishAllPending() {
        for (String clientId : pending.keySet()) {
            if (stored.remove(clientId)) {
                Pending p = pending.remove(clientId);
                if (p != null) {
                    p.cancel();
                }
            } else {
                sessionEnded(clientId);
            }
        }
    }

    public int pendingCount() {
        return pending.size();
    }

    private void publish(String clientId, Will will) {
        long now = clock.millis();
        MqttProperties p = will.properties();
        Long expiry = p.messageExpiryInterval();
        MqttProperties.Builder forwarded = MqttProperties.builder()
                .payloadFormatIndicator(p.payloadFormatIndicator())
                .contentType(p.contentType())
                .responseTopic(p.responseTopic())
                .correlationData(p.correlationData());
        p.userProperties().forEach(forwarded::addUserProperty);
        Message message = new Message(will.topic(), will.qos(), will.retain(),
                Unpooled.wrappedBuffer(will.payload()), forwarded.build(),
                expiry == null ? Message.NEVER_EXPIRES : now + expiry * 1000, clientId, now);
        LOG.info("will.published clientId={} topic={} qos={} retain={}", clientId, will.topic(), will.qos(),
                will.retain());
        router.publish(message);
        forget(clientId);
    }

    private void forget(String clientId) {
        if (stored.remove(clientId)) {
            durable.willDelete(clientId);
        }
    }

    private static final class Pending {
        final Will will;
        volatile ScheduledFuture<?> task;

        Pending(Will will) {
            this.will = will;
        }

        void cancel() {
            ScheduledFuture<?> t = task;
            if (t != null) {
                t.cancel(false);
            }
        }
    }
}
