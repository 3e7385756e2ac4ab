package io.berth.core.session;

import io.berth.core.Message;

/**
 * One message on its way to one session: the message (holding a payload reference of its own), the QoS
 * granted for this subscriber, the retain flag as the subscriber sees it, the subscription identifiers
 * of the subscriptions it matched (empty when none), and the id it is stored under for a persistent session
 * ({@link #NOT_STORED} otherwise).
 */
public record Delivery(Message message, int qos, boolean retain, int[] subscriptionIds, long storedId) {

    public static final int[] NO_IDS = new int[0];

    /** {@link #storedId()} of a delivery that is not in the durable store. */
    public static final long NOT_STORED = 0L;

    /** A delivery that is not stored. */
    public Delivery(Message message, int qos, boolean retain, int[] subscriptionIds) {
        this(message, qos, retain, subscriptionIds, NOT_STORED);
    }

    public boolean isStored() {
        return storedId != NOT_STORED;
    }

    public void release() {
        message.release();
    }
}
