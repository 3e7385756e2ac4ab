package io.berth.core.session;

import io.berth.core.subscription.Subscription;

import java.util.List;

/**
 * What a session holds at one instant, copied on its owner thread so that other threads (the management API) can
 * read it without touching the session's state. Immutable.
 *
 * @param clientId              the session's client identifier
 * @param connected             whether a connection was attached when the copy was taken
 * @param expiryIntervalSeconds the session expiry interval ({@link Session#NEVER_EXPIRES} for never)
 * @param protocolLevel         3, 4 or 5: the protocol level of the last connection attached (0 before any)
 * @param subscriptions         the session's subscriptions, in no particular order
 * @param inflight              outbound QoS 1 and 2 messages awaiting acknowledgement
 * @param queued                messages queued for the client (offline, or inflight window full)
 * @param awaitingRelease       inbound QoS 2 messages awaiting PUBREL
 */
public record SessionSnapshot(String clientId, boolean connected, long expiryIntervalSeconds, int protocolLevel,
                              List<Subscription> subscriptions, int inflight, int queued, int awaitingRelease) {

    public SessionSnapshot {
        subscriptions = List.copyOf(subscriptions);
    }
}
