package io.berth.codec;

import java.util.Objects;

/**
 * One topic filter and its Subscription Options from a SUBSCRIBE packet (spec 3.8.3.1). In MQTT 3.x only
 * the filter and QoS are on the wire; the other options take their defaults.
 */
public record SubscriptionRequest(String topicFilter, int qos, boolean noLocal, boolean retainAsPublished,
                                  int retainHandling) {
    public SubscriptionRequest {
        Objects.requireNonNull(topicFilter, "topicFilter");
    }

    public SubscriptionRequest(String topicFilter, int qos) {
        this(topicFilter, qos, false, false, 0);
    }
}
