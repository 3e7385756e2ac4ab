package io.berth.core;

import io.berth.core.acl.Authorization;
import io.berth.core.auth.AuthenticationChain;
import io.berth.core.events.Protection;
import io.berth.core.metrics.BrokerMetrics;
import io.berth.core.retain.RetainedStore;
import io.berth.core.routing.MessageRouter;
import io.berth.core.session.SessionRegistry;
import io.berth.core.store.DurableState;
import io.berth.core.subscription.SubscriptionTrie;
import io.berth.core.will.WillPublisher;

import java.time.Clock;

/**
 * The broker-wide services every connection's protocol engine works with, wired once by the composition
 * root. All members are thread-safe.
 */
public final class BrokerContext {
    private final MqttSettings settings;
    private final Clock clock;
    private final SubscriptionTrie trie;
    private final SessionRegistry sessions;
    private final RetainedStore retained;
    private final BrokerMetrics metrics;
    private final MessageRouter router;
    private final WillPublisher wills;
    private final String brokerVersion;
    private final AuthenticationChain authentication;
    private final Authorization authorization;
    private final Protection protection;
    private final DurableState durable;

    /** A context without security: every client is accepted and may do anything. */
    public BrokerContext(MqttSettings settings, RetainedStore retained, Clock clock, String brokerVersion) {
        this(settings, retained, clock, brokerVersion, AuthenticationChain.permitAll(), Authorization.disabled());
    }

    public BrokerContext(MqttSettings settings, RetainedStore retained, Clock clock, String brokerVersion,
                         AuthenticationChain authentication, Authorization authorization) {
        this(settings, retained, clock, brokerVersion, authentication, authorization, Protection.inMemory(clock),
                DurableState.memoryOnly());
    }

    /** A context with bans, alarms and a listener of connection events, without durable state. */
    public BrokerContext(MqttSettings settings, RetainedStore retained, Clock clock, String brokerVersion,
                         AuthenticationChain authentication, Authorization authorization, Protection protection) {
        this(settings, retained, clock, brokerVersion, authentication, authorization, protection,
                DurableState.memoryOnly());
    }

    /** A context with default protection (in memory) and durable state. */
    public BrokerContext(MqttSettings settings, RetainedStore retained, Clock clock, String brokerVersion,
                         AuthenticationChain authentication, Authorization authorization, DurableState durable) {
        this(settings, retained, clock, brokerVersion, authentication, authorization, Protection.inMemory(clock),
                durable);
    }

    /**
     * @param protection bans, alarms and the listener of connection events
     * @param retained   the retained store; with durability on, one that also writes to {@code durable}
     * @param durable    where persistent sessions and their messages are written
     */
    public BrokerContext(MqttSettings settings, RetainedStore retained, Clock clock, String brokerVersion,
                         AuthenticationChain authentication, Authorization authorization, Protection protection,
                         DurableState durable) {
        this.protection = protection;
        this.durable = durable;
        this.authentication = authentication;
        this.authorization = authorization;
        this.settings = settings;
        this.clock = clock;
        this.retained = retained;
        this.brokerVersion = brokerVersion;
        this.trie = new SubscriptionTrie();
        this.sessions = new SessionRegistry();
        this.metrics = new BrokerMetrics();
        this.router = new MessageRouter(trie, sessions, retained, settings, metrics, durable);
        this.wills = new WillPublisher(router, clock, durable);
    }

    public MqttSettings settings() { return settings; }
    public Clock clock() { return clock; }
    public SubscriptionTrie trie() { return trie; }
    public SessionRegistry sessions() { return sessions; }
    public RetainedStore retained() { return retained; }
    public BrokerMetrics metrics() { return metrics; }
    public MessageRouter router() { return router; }
    public WillPublisher wills() { return wills; }
    public String brokerVersion() { return brokerVersion; }
    public AuthenticationChain authentication() { return authentication; }
    public Authorization authorization() { return authorization; }
    public Protection protection() { return protection; }
    public DurableState durable() { return durable; }
}
