package io.berth.server.quic;

import io.berth.core.MqttSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class QuicIdleTimeoutTest {

    private static MqttSettings keepalive(int max, double multiplier, Integer server) {
        MqttSettings d = MqttSettings.defaults();
        return new MqttSettings(d.maxPacketSize(), d.maxClientIdLen(), d.maxTopicLevels(), d.maxTopicAlias(),
                d.maxQosAllowed(), d.maxInflight(), d.maxMqueueLen(), d.mqueueStoreQos0(), d.maxAwaitingRel(),
                d.maxSubscriptions(), d.sessionExpiryInterval(), max, multiplier, d.idleTimeout(),
                d.retainAvailable(), d.wildcardSubscription(), d.sharedSubscription(), server);
    }

    @Test
    void longestAcceptedKeepaliveTimesMultiplier_whenAboveTheListenerFloor() {
        assertThat(QuicIdleTimeout.of(Duration.ofSeconds(15), keepalive(300, 1.5, null)))
                .isEqualTo(Duration.ofSeconds(450));
    }

    @Test
    void serverKeepalive_boundsTheTimeout() {
        assertThat(QuicIdleTimeout.of(Duration.ofSeconds(15), keepalive(65535, 1.5, 60)))
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void listenerIdleTimeout_isTheFloor() {
        assertThat(QuicIdleTimeout.of(Duration.ofSeconds(120), keepalive(30, 1.5, null)))
                .isEqualTo(Duration.ofSeconds(120));
    }
}
