package io.berth.core.protocol;

import io.berth.codec.MqttProperties;
import io.berth.codec.ReasonCode;
import io.berth.codec.SubAckPacket;
import io.berth.codec.SubscribePacket;
import io.berth.codec.SubscriptionRequest;
import io.berth.codec.TopicNames;
import io.berth.codec.UnsubAckPacket;
import io.berth.codec.UnsubscribePacket;
import io.berth.core.Message;
import io.berth.core.MqttSettings;
import io.berth.core.acl.AclAction;
import io.berth.core.session.Delivery;
import io.berth.core.subscription.SharedFilter;
import io.berth.core.subscription.Subscription;

import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIBE and UNSUBSCRIBE (spec 3.8-3.11): checks each filter against the server's limits, updates the
 * session and the trie, answers, then sends the retained messages the Retain Handling option asks for.
 * Runs on the connection's loop.
 */
final class SubscribeFlow {

    private final Connection c;

    SubscribeFlow(Connection connection) {
        this.c = connection;
    }

    void subscribe(SubscribePacket p) {
        MqttSettings s = c.broker.settings();
        List<Integer> ids = p.properties().subscriptionIdentifiers();
        int subscriptionId = ids.isEmpty() ? 0 : ids.get(0);
        List<ReasonCode> codes = new ArrayList<>(p.subscriptions().size());
        List<Subscription> sendRetained = new ArrayList<>(0);
        for (SubscriptionRequest r : p.subscriptions()) {
            SharedFilter shared = SharedFilter.parse(r.topicFilter());
            String filter = shared == null ? r.topicFilter() : shared.filter();
            ReasonCode refusal = refusal(r, shared, filter, s);
            if (refusal != null) {
                codes.add(c.version.isV5() ? refusal : ReasonCode.UNSPECIFIED_ERROR);
                continue;
            }
            int qos = Math.min(r.qos(), s.maxQosAllowed());
            Subscription sub = new Subscription(c.clientId, filter, qos, r.noLocal(), r.retainAsPublished(),
                    r.retainHandling(), subscriptionId, shared == null ? null : shared.group());
            boolean existed = c.broker.trie().subscribe(sub); // MQTT-3.8.4-3: replaces an identical filter
            c.session.subscriptions().put(r.topicFilter(), sub);
            if (c.session.isDurable()) {
                c.broker.durable().subscriptionPut(sub);
            }
            codes.add(ReasonCode.grantedQos(qos));
            // MQTT-3.3.1-9/10/11; no retained messages for shared subscriptions (spec 4.8.2)
            if (shared == null && (r.retainHandling() == 0 || (r.retainHandling() == 1 && !existed))) {
                sendRetained.add(sub);
            }
        }
        c.transport.send(new SubAckPacket(p.packetId(), codes, MqttProperties.EMPTY));
        for (Subscription sub : sendRetained) {
            sendRetained(sub);
        }
    }

    private ReasonCode refusal(SubscriptionRequest r, SharedFilter shared, String filter, MqttSettings s) {
        if (TopicNames.levels(filter) > s.maxTopicLevels()) {
            return ReasonCode.TOPIC_FILTER_INVALID;
        }
        if (shared != null && !s.sharedSubscription()) {
            return ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED; // we announced Shared Subscription Available = 0 (spec 3.2.2.3.15)
        }
        if (!s.wildcardSubscription() && (filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0)) {
            return ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED;
        }
        if (!c.acl.allowed(AclAction.SUBSCRIBE, filter, r.qos(), false)) {
            Connection.EVENTS.info("client.subscribe_denied clientId={} username={} remote={} listener={} filter={} "
                    + "qos={}", c.clientId, c.identity.username(), c.transport.remoteAddress(),
                    c.transport.listenerName(), r.topicFilter(), r.qos());
            c.broker.protection().events().aclDenied(c.transport, c.clientId, c.identity.username(), "subscribe",
                    r.topicFilter());
            return ReasonCode.NOT_AUTHORIZED; // MQTT 5: 0x87; MQTT 3.1.1: 0x80 (failure)
        }
        if (s.maxSubscriptions() > 0 && !c.session.subscriptions().containsKey(r.topicFilter())
                && c.session.subscriptions().size() >= s.maxSubscriptions()) {
            return ReasonCode.QUOTA_EXCEEDED;
        }
        return null;
    }

    private void sendRetained(Subscription sub) {
        long now = c.broker.clock().millis();
        int[] ids = sub.subscriptionId() == 0 ? Delivery.NO_IDS : new int[] {sub.subscriptionId()};
        for (Message m : c.broker.retained().match(sub.topicFilter(), now)) {
            int qos = Math.min(m.qos(), sub.qos());
            // MQTT-3.3.1-8: retained messages sent because of a new subscription carry RETAIN 1
            c.deliveryFlow.deliver(new Delivery(m.with(qos, true), qos, true, ids));
        }
    }

    void unsubscribe(UnsubscribePacket p) {
        List<ReasonCode> codes = new ArrayList<>(p.topicFilters().size());
        for (String full : p.topicFilters()) {
            Subscription removed = c.session.subscriptions().remove(full);
            if (removed != null) {
                c.broker.trie().unsubscribe(c.clientId, removed.shareGroup(), removed.topicFilter());
                if (c.session.isDurable()) {
                    c.broker.durable().subscriptionDelete(c.clientId, full);
                }
            }
            codes.add(removed != null ? ReasonCode.SUCCESS : ReasonCode.NO_SUBSCRIPTION_EXISTED);
        }
        c.transport.send(new UnsubAckPacket(p.packetId(), codes, MqttProperties.EMPTY)); // MQTT-3.10.4-4
    }
}
