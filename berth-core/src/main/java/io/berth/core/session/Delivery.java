package io.berth.core.session;

import io.berth.core.Message;

/**
 * One message on its way to one session: the message (holding a payload reference of its own), the QoS
 * granted for this subscriber, the retain flag as the subscriber sees it, and the subscription identifiers
 * of the subscriptions it matched (empty when none).
 */
public record Delivery(Message message, int qos, boolean retain, int[] subscriptionIds) {

    public static final int[] NO_IDS = new int[0];

    public void release() {
        message.release();
    }
}
