package io.berth.core.routing;

import io.berth.core.Message;
import io.berth.core.MqttSettings;
import io.berth.core.metrics.BrokerMetrics;
import io.berth.core.retain.RetainedStore;
import io.berth.core.session.Delivery;
import io.berth.core.session.Session;
import io.berth.core.session.SessionRegistry;
import io.berth.core.store.DurableState;
import io.berth.core.subscription.SubscriptionTrie.MatchConsumer;
import io.berth.core.subscription.SharedGroup;
import io.berth.core.subscription.SharedGroupSelector;
import io.berth.core.subscription.Subscription;
import io.berth.core.subscription.SubscriptionTrie;
import io.netty.util.concurrent.EventExecutor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes an application message to every matching subscription: stores it when retained, matches the
 * topic in the trie (lock-free), merges overlapping subscriptions of one client into one delivery (highest
 * QoS, all subscription identifiers: MQTT-3.3.4-2, MQTT-3.3.4-3), picks one member per shared group, and
 * hands each delivery to the subscriber's session on the session's own thread. Every subscriber gets a
 * duplicate of the same payload buffer: no copy per subscriber.
 *
 * <p>Any thread.
 */
public final class MessageRouter {

    private final SubscriptionTrie trie;
    private final SessionRegistry sessions;
    private final RetainedStore retained;
    private final MqttSettings settings;
    private final BrokerMetrics metrics;
    private final DurableState durable;
    private final SharedGroupSelector selector = new SharedGroupSelector();

    public MessageRouter(SubscriptionTrie trie, SessionRegistry sessions, RetainedStore retained,
                         MqttSettings settings, BrokerMetrics metrics) {
        this(trie, sessions, retained, settings, metrics, DurableState.memoryOnly());
    }

    public MessageRouter(SubscriptionTrie trie, SessionRegistry sessions, RetainedStore retained,
                         MqttSettings settings, BrokerMetrics metrics, DurableState durable) {
        this.durable = durable;
        this.trie = trie;
        this.sessions = sessions;
        this.retained = retained;
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * Publishes a message. Takes over the message's payload reference and releases it before returning.
     *
     * @return the number of sessions the message was handed to
     */
    public int publish(Message message) {
        return route(message).receivers();
    }

    /**
     * Publishes a message like {@link #publish}, and tells whether it was written to the durable store (it is
     * retained, or a persistent session receives it at QoS 1 or 2): the publisher's acknowledgement then waits
     * for {@link DurableState#whenDurable}. Stored copies are submitted to the store before any session sees its
     * delivery, so a session's later writes about it follow them.
     */
    public Routed route(Message message) {
        Matches matches = null;
        try {
            boolean stored = false;
            if (message.retain() && settings.retainAvailable()) {
                retained.put(message);
                stored = durable.enabled();
            }
            matches = new Matches(message.publisherClientId());
            trie.match(message.topic(), matches);
            int receivers = matches.deliverAll(message);
            return Routed.of(receivers, stored || matches.stored);
        } finally {
            if (matches == null || !matches.tookMessage) {
                message.release();
            }
        }
    }

    /**
     * The outcome of routing one message.
     *
     * @param receivers the number of sessions the message was handed to
     * @param stored    whether it was written to the durable store
     */
    public record Routed(int receivers, boolean stored) {

        private static final Routed[] COMMON = new Routed[32];

        static {
            for (int i = 0; i < COMMON.length; i++) {
                COMMON[i] = new Routed(i >> 1, (i & 1) == 1);
            }
        }

        /** The outcome, shared for small receiver counts (one is routed per PUBLISH: no allocation for it). */
        public static Routed of(int receivers, boolean stored) {
            int i = (receivers << 1) | (stored ? 1 : 0);
            return receivers >= 0 && i < COMMON.length ? COMMON[i] : new Routed(receivers, stored);
        }
    }

    /** Hands a delivery to a session on its owner thread; releases it if the session is gone. */
    public void deliver(Session session, Delivery delivery) {
        DeliverTask task = new DeliverTask(session, delivery);
        EventExecutor owner = session.owner();
        if (owner.inEventLoop()) {
            task.deliverNow();
        } else {
            owner.execute(task);
        }
    }

    /**
     * One delivery on its way to the session's owner thread: one object per delivery, where a lambda wrapped by
     * {@link Session#execute} would be two. Follows the owner if it moved while queued, as
     * {@link Session#execute} does.
     */
    private final class DeliverTask implements Runnable {
        private final Session session;
        private final Delivery delivery;

        DeliverTask(Session session, Delivery delivery) {
            this.session = session;
            this.delivery = delivery;
        }

        @Override
        public void run() {
            EventExecutor owner = session.owner();
            if (owner.inEventLoop()) {
                deliverNow();
            } else {
                owner.execute(this);
            }
        }

        void deliverNow() {
            if (session.isDestroyed()) {
                forget(session, delivery);
                delivery.release();
                return;
            }
            if (session.outbound() != null) {
                session.outbound().deliver(delivery);
            } else {
                long storedId = delivery.storedId();
                if (!session.offer(delivery, settings.maxMqueueLen(), settings.mqueueStoreQos0(), metrics)) {
                    if (storedId != Delivery.NOT_STORED) {
                        durable.messageDelete(session.clientId(), storedId);
                    }
                }
            }
        }
    }

    private void forget(Session session, Delivery delivery) {
        if (delivery.isStored()) {
            durable.messageDelete(session.clientId(), delivery.storedId());
        }
    }

    private boolean isOnline(Subscription s) {
        Session session = sessions.get(s.clientId());
        return session != null && session.isConnected();
    }

    /** Collects the matches of one publish. Created per publish; single thread. */
    private final class Matches implements MatchConsumer {
        private final String publisher;
        private Subscription first;
        private Map<String, Target> many;
        boolean stored;
        /** The message's own payload reference went to the one delivery: the router must not release it. */
        boolean tookMessage;

        Matches(String publisher) {
            this.publisher = publisher;
        }

        @Override
        public void onSubscription(Subscription s) {
            if (s.noLocal() && s.clientId().equals(publisher)) {
                return; // MQTT-3.8.3-3: no-local
            }
            add(s);
        }

        @Override
        public void onSharedGroup(SharedGroup group) {
            Subscription chosen = selector.select(group, MessageRouter.this::isOnline);
            if (chosen != null) {
                add(chosen);
            }
        }

        private void add(Subscription s) {
            if (first == null && many == null) {
                first = s;
                return;
            }
            if (many == null) {
                many = new LinkedHashMap<>();
                many.put(first.clientId(), new Target(first));
                first = null;
            }
            Target t = many.get(s.clientId());
            if (t == null) {
                many.put(s.clientId(), new Target(s));
            } else {
                t.merge(s);
            }
        }

        int deliverAll(Message message) {
            if (first != null) {
                return deliverTo(first.clientId(), message, first.qos(), first.retainAsPublished(),
                        first.subscriptionId() == 0 ? Delivery.NO_IDS : new int[] {first.subscriptionId()});
            }
            if (many == null) {
                return 0;
            }
            int n = 0;
            for (Target t : many.values()) {
                n += deliverTo(t.clientId, message, t.qos, t.retainAsPublished, t.ids());
            }
            return n;
        }

        private int deliverTo(String clientId, Message message, int subscriptionQos, boolean retainAsPublished,
                              int[] ids) {
            Session session = sessions.get(clientId);
            if (session == null) {
                return 0;
            }
            int qos = Math.min(message.qos(), subscriptionQos);
            boolean retain = retainAsPublished && message.retain(); // MQTT-3.3.1-12, MQTT-3.3.1-13
            Message copy;
            if (many == null && qos == message.qos() && retain == message.retain()) {
                // the only receiver, and it sees the message as published: it takes the router's reference
                // (no copy of the message, no duplicate of the payload buffer)
                copy = message;
                tookMessage = true;
            } else {
                copy = new Message(message.topic(), qos, retain, message.retainedPayload(), message.properties(),
                        message.expiresAtMillis(), message.publisherClientId(), message.receivedAtMillis());
            }
            long storedId = Delivery.NOT_STORED;
            if (qos > 0 && session.isDurable()) {
                storedId = durable.nextMessageId();
                Delivery toStore = new Delivery(copy, qos, retain, ids, storedId);
                durable.messagePut(clientId, storedId, toStore); // before the session can see it
                stored = true;
            }
            MessageRouter.this.deliver(session, new Delivery(copy, qos, retain, ids, storedId));
            return 1;
        }
    }

    /** Overlapping subscriptions of one client merged into one delivery. */
    private static final class Target {
        final String clientId;
        int qos;
        boolean retainAsPublished;
        /** Subscription identifiers, created with the first one (most subscriptions have none). */
        private List<Integer> ids;

        Target(Subscription s) {
            clientId = s.clientId();
            merge(s);
        }

        void merge(Subscription s) {
            qos = Math.max(qos, s.qos());
            retainAsPublished |= s.retainAsPublished();
            if (s.subscriptionId() != 0) {
                if (ids == null) {
                    ids = new ArrayList<>(2);
                }
                if (!ids.contains(s.subscriptionId())) {
                    ids.add(s.subscriptionId());
                }
            }
        }

        int[] ids() {
            if (ids == null) {
                return Delivery.NO_IDS;
            }
            int[] a = new int[ids.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = ids.get(i);
            }
            return a;
        }
    }
}
