package io.berth.it.session;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.core.MqttSettings;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.berth.it.session.SessionProbe.awaitGone;
import static io.berth.it.session.SessionProbe.awaitOffline;
import static io.berth.it.session.SessionProbe.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Session Expiry Interval (MQTT 5, spec 3.1.2.11.2, 3.14.2.2.2) and mqtt.session_expiry_interval. */
class SessionExpiryIT {

    static EmbeddedBroker broker;
    static Mqtt5BlockingClient publisher;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start();
        publisher = client(broker, "exp-pub");
        publisher.connect();
    }

    @AfterAll
    static void stop() {
        publisher.disconnect();
        broker.close();
    }

    @Test
    void sessionExpiry0_sessionEndsAtDisconnect() throws Exception {
        String topic = "exp/zero";
        Mqtt5BlockingClient sub = client(broker, "exp-zero");
        sub.connectWith().cleanStart(false).sessionExpiryInterval(0).send();
        sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        sub.disconnect();
        awaitGone(broker, "exp-zero");
        publish(topic, "lost");

        // a new client object: HiveMQ fails the publishes stream of a client whose own session was not resumed
        Mqtt5BlockingClient fresh = client(broker, "exp-zero");
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = fresh.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(fresh.connectWith().cleanStart(false).sessionExpiryInterval(0).send().isSessionPresent())
                    .isFalse();
            fresh.subscribeWith().topicFilter(topic + "/marker").qos(MqttQos.AT_LEAST_ONCE).send();
            publish(topic, "after");
            publish(topic + "/marker", "marker");
            assertThat(text(publishes.receive(10, TimeUnit.SECONDS).orElseThrow())).isEqualTo("marker");
        } finally {
            fresh.disconnect();
        }
    }

    @Test
    void sessionExpiryN_reconnectWithinN_resumesSession_MQTT_3_1_2_23() throws Exception {
        String topic = "exp/within";
        Mqtt5BlockingClient sub = client(broker, "exp-within");
        sub.connectWith().cleanStart(false).sessionExpiryInterval(3).send();
        sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        sub.disconnect();
        awaitOffline(broker, "exp-within");
        publish(topic, "kept");

        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(sub.connectWith().cleanStart(false).sessionExpiryInterval(3).send().isSessionPresent())
                    .isTrue();
            assertThat(text(publishes.receive(10, TimeUnit.SECONDS).orElseThrow())).isEqualTo("kept");
        } finally {
            sub.disconnectWith().sessionExpiryInterval(0).send();
        }
    }

    @Test
    void sessionExpiryN_sessionEndsAfterNSecondsNotBefore() throws Exception {
        Mqtt5BlockingClient sub = client(broker, "exp-after");
        sub.connectWith().cleanStart(false).sessionExpiryInterval(1).send();
        sub.subscribeWith().topicFilter("exp/after").qos(MqttQos.AT_LEAST_ONCE).send();
        sub.disconnect();
        awaitOffline(broker, "exp-after");
        long offlineAt = System.nanoTime();
        awaitGone(broker, "exp-after");
        long tookMs = (System.nanoTime() - offlineAt) / 1_000_000;
        assertThat(tookMs).as("ended after about 1 s").isGreaterThanOrEqualTo(700);

        Mqtt5ConnAck ack = sub.connectWith().cleanStart(false).sessionExpiryInterval(0).send();
        assertThat(ack.isSessionPresent()).isFalse();
        sub.disconnect();
    }

    @Test
    void disconnectWithSessionExpiry0_endsASessionThatWouldHaveLasted() throws Exception {
        Mqtt5BlockingClient sub = client(broker, "exp-disc-zero");
        sub.connectWith().cleanStart(false).sessionExpiryInterval(60).send();
        sub.disconnectWith().sessionExpiryInterval(0).send();
        awaitGone(broker, "exp-disc-zero");
        assertThat(sub.connectWith().cleanStart(false).sessionExpiryInterval(60).send().isSessionPresent())
                .isFalse();
        sub.disconnectWith().sessionExpiryInterval(0).send();
    }

    @Test
    void disconnectWithLongerSessionExpiry_keepsTheSessionPastTheConnectValue() throws Exception {
        Mqtt5BlockingClient sub = client(broker, "exp-disc-longer");
        sub.connectWith().cleanStart(false).sessionExpiryInterval(1).send();
        sub.disconnectWith().sessionExpiryInterval(60).send();
        awaitOffline(broker, "exp-disc-longer");
        // the CONNECT value (1 s) would have ended it by now
        await().during(Duration.ofMillis(1800)).atMost(Duration.ofSeconds(5))
                .until(() -> session(broker, "exp-disc-longer") != null);
        assertThat(sub.connectWith().cleanStart(false).sessionExpiryInterval(0).send().isSessionPresent())
                .isTrue();
        sub.disconnect();
    }

    @Test
    void disconnectSettingSessionExpiryAfterZeroInConnect_isProtocolError_MQTT_3_14_2_2() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            raw.send(new ConnectPacket(MqttVersion.MQTT_5, "exp-disc-error", true, 60, null, null, null,
                    MqttProperties.builder().sessionExpiryInterval(0L).build()));
            assertThat(((ConnAckPacket) raw.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            raw.send(new DisconnectPacket(ReasonCode.NORMAL_DISCONNECTION,
                    MqttProperties.builder().sessionExpiryInterval(30L).build()));
            assertThat(raw.receive()).isEqualTo(new DisconnectPacket(ReasonCode.PROTOCOL_ERROR));
            assertThat(raw.receive(Duration.ofSeconds(5))).isNull();
        }
        awaitGone(broker, "exp-disc-error");
    }

    // ---- the server's limit: mqtt.session_expiry_interval ----

    @Test
    void v5_requestAboveServerMaximum_isCappedAndAnnouncedInConnAck() throws Exception {
        try (EmbeddedBroker capped = EmbeddedBroker.withMqtt(sessionExpiry(Duration.ofSeconds(1)))) {
            Mqtt5BlockingClient sub = client(capped, "exp-capped");
            Mqtt5ConnAck ack = sub.connectWith().cleanStart(false).sessionExpiryInterval(3600).send();
            assertThat(ack.getSessionExpiryInterval()).hasValue(1); // the value the server uses (3.2.2.3.2)
            sub.disconnect();
            awaitOffline(capped, "exp-capped");
            awaitGone(capped, "exp-capped");
            assertThat(sub.connectWith().cleanStart(false).sessionExpiryInterval(0).send().isSessionPresent())
                    .isFalse();
            sub.disconnect();
        }
    }

    @Test
    void v5_requestWithinServerMaximum_isNotEchoedInConnAck() throws Exception {
        Mqtt5BlockingClient sub = client(broker, "exp-not-echoed");
        Mqtt5ConnAck ack = sub.connectWith().cleanStart(true).sessionExpiryInterval(30).send();
        assertThat(ack.getSessionExpiryInterval()).isEmpty();
        sub.disconnectWith().sessionExpiryInterval(0).send();
    }

    @Test
    void v311_cleanSession0_sessionExpiresAfterServerSessionExpiryInterval() throws Exception {
        try (EmbeddedBroker short1s = EmbeddedBroker.withMqtt(sessionExpiry(Duration.ofSeconds(1)))) {
            Mqtt3BlockingClient sub = Mqtt3Client.builder().identifier("exp-v3").serverHost(short1s.host())
                    .serverPort(short1s.port()).buildBlocking();
            sub.connectWith().cleanSession(false).send();
            sub.disconnect();
            awaitOffline(short1s, "exp-v3");
            awaitGone(short1s, "exp-v3");
            assertThat(sub.connectWith().cleanSession(false).send().isSessionPresent()).isFalse();
            sub.disconnect();
        }
    }

    // ---- helpers ----

    private static MqttSettings sessionExpiry(Duration interval) {
        MqttSettings d = MqttSettings.defaults();
        return new MqttSettings(d.maxPacketSize(), d.maxClientIdLen(), d.maxTopicLevels(), d.maxTopicAlias(),
                d.maxQosAllowed(), d.maxInflight(), d.maxMqueueLen(), d.mqueueStoreQos0(), d.maxAwaitingRel(),
                d.maxSubscriptions(), interval, d.maxKeepalive(), d.keepaliveMultiplier(), d.idleTimeout(),
                d.retainAvailable(), d.wildcardSubscription(), d.sharedSubscription(), d.serverKeepalive());
    }

    private static Mqtt5BlockingClient client(EmbeddedBroker b, String id) {
        return Mqtt5Client.builder().identifier(id).serverHost(b.host()).serverPort(b.port()).buildBlocking();
    }

    private static void publish(String topic, String payload) {
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    private static String text(com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish p) {
        return new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }
}
