package io.berth.core.protocol;

import io.berth.core.BrokerContext;
import io.berth.core.session.Session;
import io.berth.core.subscription.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Ends sessions: at once when their expiry interval is 0, after it otherwise (spec 4.1, 3.1.2.11.2).
 * Every method runs on the session's owner thread.
 */
public final class SessionLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger("event.session");

    private final BrokerContext broker;

    public SessionLifecycle(BrokerContext broker) {
        this.broker = broker;
    }

    /** The session's connection is gone: end it now or schedule its expiry. */
    void detached(Session session) {
        session.detach();
        long expiry = session.expiryIntervalSeconds();
        if (expiry == 0) {
            end(session);
        } else if (expiry != Session.NEVER_EXPIRES) {
            session.expiryTask(session.owner().schedule(() -> session.execute(() -> {
                if (!session.isConnected() && !session.isDestroyed()) {
                    LOG.info("session.expired clientId={} after={}s", session.clientId(), expiry);
                    end(session);
                }
            }), expiry, TimeUnit.SECONDS));
        }
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
        broker.sessions().remove(session);
        broker.wills().sessionEnded(session.clientId());
        LOG.debug("session.ended clientId={}", session.clientId());
    }
}
