package io.berth.core.store;

import io.berth.core.subscription.Subscription;

import java.util.List;
import java.util.Set;

/**
 * A persistent session as recovered at start-up.
 *
 * @param record           the session record
 * @param subscriptions    its subscriptions
 * @param messages         its queued and inflight messages, in message id order
 * @param awaitingRelease  inbound QoS 2 packet identifiers awaiting PUBREL
 */
public record StoredSession(SessionRecord record, List<Subscription> subscriptions, List<StoredMessage> messages,
                            Set<Integer> awaitingRelease) {
}
