package io.berth.core.protocol;

import io.berth.core.BrokerContext;
import io.berth.core.session.Session;
import io.berth.core.store.DurableState;
import io.berth.core.store.SessionRecord;
import io.berth.core.subscription.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Ends sessions: at once when their expiry interval is 0, after it otherwise (spec 4.1, 3.1.2.11.2). Keeps the
 * durable store's record of a persistent session (expiry interval above 0, durability on) in step: written when
 * a connection attaches and detaches, deleted with everything under it when the session ends.
 * Every method runs on the session's owner thread.
 */
public final class SessionLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger("event.session");

    private final BrokerContext broker;
    private final long timerLimitMillis;

    public SessionLifecycle(BrokerContext broker) {
        this(broker, Long.MAX_VALUE);
    }

    /**
     * @param timerLimitMillis sessions expiring later than this get no timer of their own: the periodic
     *                         {@link SessionExpirySweep} ends them (so a million offline sessions do not hold a
     *                         million scheduled tasks)
     */
    public SessionLifecycle(BrokerContext broker, long timerLimitMillis) {
        this.broker = broker;
        this.timerLimitMillis = timerLimitMillis;
    }

    /**
     * A connection attached the session with this expiry interval: a persistent session's record is written; a
     * session that was persistent and no longer is (expiry 0 now) leaves the store.
     */
    void attached(Session session, int protocolLevel) {
        session.protocolLevel(protocolLevel);
        DurableState durable = broker.durable();
        if (durable.enabled() && session.expiryIntervalSeconds() > 0) {
            session.durable(true);
            durable.sessionPut(new SessionRecord(session.clientId(), session.expiryIntervalSeconds(), protocolLevel,
                    0));
        } else if (session.isDurable()) {
            session.durable(false);
            durable.sessionDelete(session.clientId());
        }
    }

    /** The session's connection is gone: end it now or schedule its expiry. */
    void detached(Session session) {
        session.detach();
        long expiry = session.expiryIntervalSeconds();
        if (expiry == 0) {
            end(session);
            return;
        }
        if (session.isDurable()) {
            broker.durable().sessionPut(new SessionRecord(session.clientId(), expiry, session.protocolLevel(),
                    broker.clock().millis()));
        }
        if (expiry != Session.NEVER_EXPIRES) {
            scheduleExpiry(session, expiry * 1000);
        }
    }

    /** Schedules the end of a session without a connection. Owner thread (or start-up, before any). */
    void scheduleExpiry(Session session, long delayMillis) {
        long expiry = session.expiryIntervalSeconds();
        long delay = Math.max(0, delayMillis);
        if (delay > timerLimitMillis) {
            session.cancelExpiry();
            session.expiresAtMillis(broker.clock().millis() + delay); // the sweep ends it
            return;
        }
        session.expiryTask(session.owner().schedule(() -> session.execute(() -> {
            if (!session.isConnected() && !session.isDestroyed()) {
                LOG.info("session.expired clientId={} after={}s", session.clientId(), expiry);
                end(session);
            }
        }), delay, TimeUnit.MILLISECONDS));
        session.expiresAtMillis(broker.clock().millis() + delay);
    }

    /** Ends the session if it is overdue (the sweep, or a client connecting to it). Owner thread. */
    boolean endIfOverdue(Session session, String by) {
        if (!session.isOverdue(broker.clock().millis())) {
            return false;
        }
        LOG.info("session.expired clientId={} after={}s by={}", session.clientId(), session.expiryIntervalSeconds(),
                by);
        end(session);
        return true;
    }

    /** Ends the session: its subscriptions leave the trie, its messages are released, a delayed will goes. */
    void end(Session session) {
        if (session.isDestroyed()) {
            return;
        }
        session.markDestroyed();
        session.detach();
        session.cancelExpiry();
        for (Subscription s : session.subscriptions().values()) {
            broker.trie().unsubscribe(s.clientId(), s.shareGroup(), s.topicFilter());
        }
        session.subscriptions().clear();
        session.releaseMessages();
        if (session.isDurable()) {
            session.durable(false);
            broker.durable().sessionDelete(session.clientId());
        }
        broker.sessions().remove(session);
        broker.wills().sessionEnded(session.clientId());
        LOG.debug("session.ended clientId={}", session.clientId());
    }
}
