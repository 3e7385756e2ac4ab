package io.berth.it.malformed;

import io.berth.core.MqttSettings;

import java.time.Duration;

/** {@link MqttSettings#defaults()} with the two limits these tests shrink. */
final class TestSettings {

    private TestSettings() {
    }

    static MqttSettings with(int maxPacketSize, Duration idleTimeout) {
        MqttSettings d = MqttSettings.defaults();
        return new MqttSettings(maxPacketSize, d.maxClientIdLen(), d.maxTopicLevels(), d.maxTopicAlias(),
                d.maxQosAllowed(), d.maxInflight(), d.maxMqueueLen(), d.mqueueStoreQos0(), d.maxAwaitingRel(),
                d.maxSubscriptions(), d.sessionExpiryInterval(), d.maxKeepalive(), d.keepaliveMultiplier(),
                idleTimeout, d.retainAvailable(), d.wildcardSubscription(), d.sharedSubscription(),
                d.serverKeepalive());
    }
}
