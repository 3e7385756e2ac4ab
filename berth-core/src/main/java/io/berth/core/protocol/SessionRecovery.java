package io.berth.core.protocol;

import io.berth.core.BrokerContext;
import io.berth.core.session.InflightMessage;
import io.berth.core.session.Session;
import io.berth.core.store.SessionRecord;
import io.berth.core.store.StoredMessage;
import io.berth.core.store.StoredSession;
import io.berth.core.subscription.Subscription;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Start-up: puts the persistent sessions the durable store kept back into the broker, as sessions without a
 * connection: subscriptions in the trie, inflight messages (resent with DUP when the client reconnects,
 * MQTT-4.4.0-1) and queued ones in order, QoS 2 packet identifiers awaiting PUBREL, and expiry counted from
 * the moment the last connection ended (from now when the broker stopped while the client was connected).
 *
 * <p>Runs before any listener opens, on the starting thread; nothing else touches the sessions yet.
 */
public final class SessionRecovery {

    private static final Logger LOG = LoggerFactory.getLogger("event.session");

    private final BrokerContext broker;
    private final SessionLifecycle lifecycle;

    public SessionRecovery(BrokerContext broker, SessionLifecycle lifecycle) {
        this.broker = broker;
        this.lifecycle = lifecycle;
    }

    /**
     * Recovers every stored session that has not expired.
     *
     * @param owners the event loop each session is owned by until a client connects (called once per session)
     * @return the number of sessions recovered
     */
    public int recover(Supplier<EventExecutor> owners) {
        long now = broker.clock().millis();
        int count = 0;
        int messages = 0;
        for (StoredSession stored : broker.durable().recoverSessions(now)) {
            Session session = new Session(stored.record().clientId(), owners.get());
            session.expiryIntervalSeconds(stored.record().expiryIntervalSeconds());
            session.protocolLevel(stored.record().protocolLevel());
            session.durable(true);
            for (Subscription s : stored.subscriptions()) {
                broker.trie().subscribe(s);
                session.subscriptions().put(s.fullTopicFilter(), s);
            }
            for (StoredMessage m : stored.messages()) {
                if (m.released()) {
                    session.inflight().put(m.packetId(), InflightMessage.recoveredReleased(m.packetId(),
                            m.messageId()));
                } else if (m.packetId() != 0) {
                    session.inflight().put(m.packetId(), new InflightMessage(m.packetId(), m.delivery()));
                } else {
                    session.queue().addLast(m.delivery());
                }
                messages++;
            }
            session.awaitingRelease().addAll(stored.awaitingRelease());
            if (broker.sessions().putIfAbsent(session) != null) {
                session.releaseMessages();
                continue;
            }
            long expiry = session.expiryIntervalSeconds();
            long since = stored.record().disconnectedAtMillis();
            if (since == 0) {
                // the broker stopped while the client was connected: the session counts as offline from now on,
                // also for a later restart
                since = now;
                broker.durable().sessionPut(new SessionRecord(session.clientId(), expiry, session.protocolLevel(),
                        now));
            }
            if (expiry != Session.NEVER_EXPIRES) {
                lifecycle.scheduleExpiry(session, since + expiry * 1000 - now);
            }
            count++;
        }
        int wills = broker.wills().recover(broker.durable().recoverWills(), broker.sessions());
        LOG.info("session.recovered sessions={} messages={} wills={}", count, messages, wills);
        return count;
    }
}
