package io.berth.it.session;

import io.berth.core.session.Session;
import io.berth.testkit.EmbeddedBroker;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * Barriers on the broker's session registry, for tests that must not race with the broker processing a
 * disconnect (a client's DISCONNECT returns before the server has read it).
 */
public final class SessionProbe {

    private static final Duration AT_MOST = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(10);

    private SessionProbe() {
    }

    /** Waits until the broker holds the client's session with no connection attached. */
    public static void awaitOffline(EmbeddedBroker broker, String clientId) {
        await().atMost(AT_MOST).pollInterval(POLL).until(() -> {
            Session s = session(broker, clientId);
            return s != null && !s.isConnected();
        });
    }

    /** Waits until the broker has ended the client's session. */
    public static void awaitGone(EmbeddedBroker broker, String clientId) {
        await().atMost(AT_MOST).pollInterval(POLL).until(() -> session(broker, clientId) == null);
    }

    public static Session session(EmbeddedBroker broker, String clientId) {
        return broker.broker().context().sessions().get(clientId);
    }
}
