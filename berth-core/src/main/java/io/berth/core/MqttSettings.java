package io.berth.core;

import java.time.Duration;

/**
 * The {@code mqtt { ... }} settings that shape protocol behaviour, with EMQX-5 names in the config file.
 * Immutable; built by the config loader or {@link #defaults()}.
 *
 * @param maxPacketSize          largest packet accepted from a client and announced as Maximum Packet Size
 * @param maxClientIdLen         longest client identifier accepted
 * @param maxTopicLevels         most levels in a topic name or filter
 * @param maxTopicAlias          Topic Alias Maximum announced to MQTT 5 clients (0 disables inbound aliases)
 * @param maxQosAllowed          highest QoS granted (announced as Maximum QoS when below 2)
 * @param maxInflight            Receive Maximum announced to clients and the outbound inflight window
 * @param maxMqueueLen           most messages queued per session beyond the inflight window (0 = unbounded)
 * @param mqueueStoreQos0        whether QoS 0 messages are queued for offline persistent sessions
 * @param maxAwaitingRel         most incoming QoS 2 messages waiting for PUBREL (0 = unbounded)
 * @param maxSubscriptions       most subscriptions per client (0 = unbounded)
 * @param sessionExpiryInterval  session expiry for MQTT 3.x clients with Clean Session 0, and the cap on MQTT 5
 * @param maxKeepalive           largest keepalive accepted; larger requests get Server Keep Alive
 * @param keepaliveMultiplier    the connection closes after keepalive × this of silence
 * @param idleTimeout            time allowed between TCP accept and CONNECT
 * @param retainAvailable        whether retained messages are supported
 * @param wildcardSubscription   whether wildcard filters are allowed
 * @param sharedSubscription     whether shared subscriptions are allowed
 * @param serverKeepalive        keepalive imposed on MQTT 5 clients, or null to accept theirs (up to max)
 */
public record MqttSettings(int maxPacketSize, int maxClientIdLen, int maxTopicLevels, int maxTopicAlias,
                           int maxQosAllowed, int maxInflight, int maxMqueueLen, boolean mqueueStoreQos0,
                           int maxAwaitingRel, int maxSubscriptions, Duration sessionExpiryInterval,
                           int maxKeepalive, double keepaliveMultiplier, Duration idleTimeout,
                           boolean retainAvailable, boolean wildcardSubscription, boolean sharedSubscription,
                           Integer serverKeepalive) {

    public static MqttSettings defaults() {
        return new MqttSettings(1024 * 1024, 65535, 128, 65535, 2, 32, 1000, true, 100, 0,
                Duration.ofHours(2), 65535, 1.5, Duration.ofSeconds(10), true, true, true, null);
    }
}
