package io.berth.core.subscription;

import java.util.Objects;

/**
 * One subscription of one session, as the broker-wide tree stores it. Immutable.
 *
 * @param clientId          the subscribing session
 * @param topicFilter       the filter without any {@code $share/<group>/} or {@code $queue/} prefix
 * @param qos               the granted maximum QoS (0, 1 or 2)
 * @param noLocal           MQTT 5 No Local: do not deliver the session's own publications
 * @param retainAsPublished MQTT 5 Retain As Published: keep the RETAIN flag on forwarded messages
 * @param retainHandling    MQTT 5 Retain Handling (0, 1 or 2)
 * @param subscriptionId    MQTT 5 Subscription Identifier, or 0 for none
 * @param shareGroup        null for a normal subscription, else the share name ({@code $queue} for EMQX's
 *                          {@code $queue/} prefix)
 */
public record Subscription(String clientId, String topicFilter, int qos, boolean noLocal,
                           boolean retainAsPublished, int retainHandling, int subscriptionId, String shareGroup) {

    /** Largest Subscription Identifier a Variable Byte Integer can carry. */
    public static final int MAX_SUBSCRIPTION_ID = 268_435_455;

    public Subscription {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(topicFilter, "topicFilter");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2: " + qos);
        }
        if (retainHandling < 0 || retainHandling > 2) {
            throw new IllegalArgumentException("retainHandling must be 0, 1 or 2: " + retainHandling);
        }
        if (subscriptionId < 0 || subscriptionId > MAX_SUBSCRIPTION_ID) {
            throw new IllegalArgumentException("subscriptionId out of range: " + subscriptionId);
        }
    }

    public boolean isShared() {
        return shareGroup != null;
    }

    /** The filter as the client sent it, with its {@code $share/<group>/} or {@code $queue/} prefix. */
    public String fullTopicFilter() {
        return shareGroup == null ? topicFilter : new SharedFilter(shareGroup, topicFilter).fullFilter();
    }
}
