package io.berth.it.keepalive;

import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.core.MqttSettings;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * mqtt.idle_timeout: a network connection that does not send CONNECT in time is closed (spec 3.1.4: "if the
 * Server does not receive a CONNECT packet within a reasonable amount of time after the Network Connection is
 * established, the Server SHOULD close the Network Connection").
 */
class IdleTimeoutIT {

    static final Duration IDLE_TIMEOUT = Duration.ofMillis(500);

    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        MqttSettings d = MqttSettings.defaults();
        broker = EmbeddedBroker.withMqtt(new MqttSettings(d.maxPacketSize(), d.maxClientIdLen(), d.maxTopicLevels(),
                d.maxTopicAlias(), d.maxQosAllowed(), d.maxInflight(), d.maxMqueueLen(), d.mqueueStoreQos0(),
                d.maxAwaitingRel(), d.maxSubscriptions(), d.sessionExpiryInterval(), d.maxKeepalive(),
                d.keepaliveMultiplier(), IDLE_TIMEOUT, d.retainAvailable(), d.wildcardSubscription(),
                d.sharedSubscription(), d.serverKeepalive()));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void connectionThatNeverSendsConnect_isClosedAfterIdleTimeout() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            long opened = System.nanoTime();
            assertThat(raw.receive(Duration.ofSeconds(5))).as("closed without a packet").isNull();
            long openMs = (System.nanoTime() - opened) / 1_000_000;
            assertThat(openMs).isBetween(IDLE_TIMEOUT.toMillis() - 100, 4000L);
        }
    }

    @Test
    void connectionThatSendsHalfACONNECT_isClosedAfterIdleTimeout() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            long opened = System.nanoTime();
            raw.sendBytes(0x10, 0x10, 0x00, 0x04, 'M', 'Q'); // the start of a CONNECT, never finished
            assertThat(raw.receive(Duration.ofSeconds(5))).isNull();
            long openMs = (System.nanoTime() - opened) / 1_000_000;
            assertThat(openMs).isBetween(IDLE_TIMEOUT.toMillis() - 100, 4000L);
        }
    }

    @Test
    void connectionThatConnectsInTime_isNotClosedByIdleTimeout() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            raw.send(new ConnectPacket(MqttVersion.MQTT_5, "idle-connected", true, 0, null, null, null,
                    MqttProperties.EMPTY));
            assertThat(((ConnAckPacket) raw.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            // keepalive 0: nothing may close it; wait past three idle timeouts
            assertThatThrownBy(() -> raw.receive(IDLE_TIMEOUT.multipliedBy(3)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }
}
