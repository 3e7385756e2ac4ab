package io.berth.core.protocol;

import io.berth.core.BrokerContext;
import io.berth.core.session.Session;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Ends expired sessions periodically while the broker runs: every session without a connection whose expiry time
 * has passed (spec 3.1.2.11.2) is ended on its owner thread, which removes it, its queue and its subscriptions from
 * memory and from the durable store. Sessions expiring sooner than one sweep interval have their own timer too
 * ({@link SessionLifecycle#scheduleExpiry}); a client connecting to an overdue session the sweep has not reached
 * yet gets a new one ({@link SessionLifecycle#endIfOverdue}), so the sweep's lateness is never visible to clients.
 */
public final class SessionExpirySweep implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("event.session");

    private final BrokerContext broker;
    private final SessionLifecycle lifecycle;
    private ScheduledFuture<?> task;

    public SessionExpirySweep(BrokerContext broker, SessionLifecycle lifecycle) {
        this.broker = broker;
        this.lifecycle = lifecycle;
    }

    /** Sweeps every {@code interval} on {@code executor}. */
    public void start(EventExecutor executor, Duration interval) {
        long ms = interval.toMillis();
        task = executor.scheduleWithFixedDelay(this::sweep, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Hands every overdue session to its owner thread to be ended. Any thread.
     *
     * @return the number of overdue sessions found
     */
    public int sweep() {
        long now = broker.clock().millis();
        int overdue = 0;
        for (Session s : broker.sessions().all()) {
            if (s.isOverdue(now)) {
                overdue++;
                s.execute(() -> lifecycle.endIfOverdue(s, "sweep"));
            }
        }
        if (overdue > 0) {
            LOG.debug("session.sweep overdue={}", overdue);
        }
        return overdue;
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
