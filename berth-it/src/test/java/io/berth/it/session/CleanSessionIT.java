package io.berth.it.session;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.core.MqttSettings;
import io.berth.testkit.EmbeddedBroker;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static io.berth.it.session.SessionProbe.awaitGone;
import static io.berth.it.session.SessionProbe.awaitOffline;

/**
 * Clean Session (3.1.1) and Clean Start (5.0): a clean connection starts a fresh session, a non-clean one resumes
 * the stored session with its subscriptions and the messages queued while the client was offline (spec 3.1.2.4,
 * 4.1).
 */
class CleanSessionIT {

    static EmbeddedBroker broker;
    static Mqtt5BlockingClient publisher;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start();
        publisher = v5("sess-clean-pub");
        publisher.connect();
    }

    @AfterAll
    static void stop() {
        publisher.disconnect();
        broker.close();
    }

    // ---- MQTT 3.1.1 ----

    @Test
    void cleanSession0_v311_resumesSubscriptionAndQueuedQos0Qos1Qos2_MQTT_3_1_2_4_MQTT_3_1_2_5() throws Exception {
        String topic = "sess/v3/resume";
        Mqtt3BlockingClient sub = v3("sess-v3-resume");
        assertThat(sub.connectWith().cleanSession(false).send().isSessionPresent()).isFalse();
        sub.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();
        sub.disconnect();
        awaitOffline(broker, "sess-v3-resume");

        publish(topic, "m0", MqttQos.AT_MOST_ONCE); // queued too: mqtt.mqueue_store_qos0 is true by default
        publish(topic, "m1", MqttQos.AT_LEAST_ONCE);
        publish(topic, "m2", MqttQos.EXACTLY_ONCE);

        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(sub.connectWith().cleanSession(false).send().isSessionPresent())
                    .as("session present (MQTT-3.2.2-2)").isTrue();
            assertThat(text(publishes.receive(10, TimeUnit.SECONDS).orElseThrow())).isEqualTo("m0");
            Mqtt3Publish m1 = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(text(m1)).isEqualTo("m1");
            assertThat(m1.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
            Mqtt3Publish m2 = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(text(m2)).isEqualTo("m2");
            assertThat(m2.getQos()).isEqualTo(MqttQos.EXACTLY_ONCE);
        } finally {
            sub.disconnect();
        }
    }

    @Test
    void cleanSession1_v311_discardsOldSubscriptionAndQueuedMessages_MQTT_3_1_2_6_MQTT_3_2_2_1() throws Exception {
        String topic = "sess/v3/clean";
        Mqtt3BlockingClient sub = v3("sess-v3-clean");
        sub.connectWith().cleanSession(false).send();
        sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        sub.disconnect();
        awaitOffline(broker, "sess-v3-clean");
        publish(topic, "queued", MqttQos.AT_LEAST_ONCE);

        // a new client object: HiveMQ fails the publishes stream of a client whose own session was not resumed
        Mqtt3BlockingClient fresh = v3("sess-v3-clean");
        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = fresh.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(fresh.connectWith().cleanSession(true).send().isSessionPresent()).isFalse();
            fresh.subscribeWith().topicFilter(topic + "/marker").qos(MqttQos.AT_LEAST_ONCE).send();
            publish(topic, "after", MqttQos.AT_LEAST_ONCE);
            publish(topic + "/marker", "marker", MqttQos.AT_LEAST_ONCE);
            // neither the queued message nor one matching the old subscription comes before the marker
            assertThat(text(publishes.receive(10, TimeUnit.SECONDS).orElseThrow())).isEqualTo("marker");
        } finally {
            fresh.disconnect();
        }
    }

    @Test
    void cleanSession1_v311_sessionEndsWithTheConnection() throws Exception {
        Mqtt3BlockingClient client = v3("sess-v3-transient");
        client.connectWith().cleanSession(true).send();
        client.disconnect();
        awaitGone(broker, "sess-v3-transient");
        assertThat(client.connectWith().cleanSession(false).send().isSessionPresent()).isFalse();
        client.disconnect();
    }

    @Test
    void cleanSession0_paho3_secondOpinion_sessionPresentAndQueuedMessageDelivered() throws Exception {
        String topic = "sess/paho3/resume";
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        MqttClient paho = new MqttClient(broker.tcpUri(), "sess-paho3", new MemoryPersistence());
        paho.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String t, MqttMessage message) {
                received.add(t + ":" + new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        try {
            assertThat(paho.connectWithResult(options).getSessionPresent()).isFalse();
            paho.subscribe(topic, 1);
            paho.disconnect();
            awaitOffline(broker, "sess-paho3");
            publish(topic, "while offline", MqttQos.AT_LEAST_ONCE);
            assertThat(paho.connectWithResult(options).getSessionPresent()).isTrue();
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(topic + ":while offline");
        } finally {
            if (paho.isConnected()) {
                paho.disconnect();
            }
            paho.close();
        }
    }

    // ---- MQTT 5.0 ----

    @Test
    void cleanStart0_v5_resumesSubscriptionAndQueuedQos0Qos1Qos2_MQTT_3_1_2_5_MQTT_3_2_2_3() throws Exception {
        String topic = "sess/v5/resume";
        Mqtt5BlockingClient sub = v5("sess-v5-resume");
        assertThat(sub.connectWith().cleanStart(false).sessionExpiryInterval(60).send().isSessionPresent())
                .isFalse();
        sub.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();
        sub.disconnect();
        awaitOffline(broker, "sess-v5-resume");

        publish(topic, "m0", MqttQos.AT_MOST_ONCE);
        publish(topic, "m1", MqttQos.AT_LEAST_ONCE);
        publish(topic, "m2", MqttQos.EXACTLY_ONCE);

        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(sub.connectWith().cleanStart(false).sessionExpiryInterval(60).send().isSessionPresent())
                    .isTrue();
            assertThat(text(publishes.receive(10, TimeUnit.SECONDS).orElseThrow())).isEqualTo("m0");
            Mqtt5Publish m1 = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(text(m1)).isEqualTo("m1");
            assertThat(m1.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
            Mqtt5Publish m2 = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(text(m2)).isEqualTo("m2");
            assertThat(m2.getQos()).isEqualTo(MqttQos.EXACTLY_ONCE);
        } finally {
            sub.disconnectWith().sessionExpiryInterval(0).send();
        }
    }

    @Test
    void cleanStart1_v5_discardsExistingSession_MQTT_3_1_2_4_MQTT_3_2_2_2() throws Exception {
        String topic = "sess/v5/clean";
        Mqtt5BlockingClient sub = v5("sess-v5-clean");
        sub.connectWith().cleanStart(false).sessionExpiryInterval(60).send();
        sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        sub.disconnect();
        awaitOffline(broker, "sess-v5-clean");
        publish(topic, "queued", MqttQos.AT_LEAST_ONCE);

        Mqtt5BlockingClient fresh = v5("sess-v5-clean");
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = fresh.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(fresh.connectWith().cleanStart(true).send().isSessionPresent()).isFalse();
            fresh.subscribeWith().topicFilter(topic + "/marker").qos(MqttQos.AT_LEAST_ONCE).send();
            publish(topic, "after", MqttQos.AT_LEAST_ONCE);
            publish(topic + "/marker", "marker", MqttQos.AT_LEAST_ONCE);
            assertThat(text(publishes.receive(10, TimeUnit.SECONDS).orElseThrow())).isEqualTo("marker");
        } finally {
            fresh.disconnect();
        }
    }

    // ---- mqtt.mqueue_store_qos0 = false ----

    @Test
    void mqueueStoreQos0False_qos0PublishedWhileOfflineIsNotQueued_qos1Is() throws Exception {
        MqttSettings d = MqttSettings.defaults();
        MqttSettings noQos0 = new MqttSettings(d.maxPacketSize(), d.maxClientIdLen(), d.maxTopicLevels(),
                d.maxTopicAlias(), d.maxQosAllowed(), d.maxInflight(), d.maxMqueueLen(), false, d.maxAwaitingRel(),
                d.maxSubscriptions(), d.sessionExpiryInterval(), d.maxKeepalive(), d.keepaliveMultiplier(),
                d.idleTimeout(), d.retainAvailable(), d.wildcardSubscription(), d.sharedSubscription(),
                d.serverKeepalive());
        try (EmbeddedBroker b = EmbeddedBroker.withMqtt(noQos0)) {
            String topic = "sess/noqos0";
            Mqtt3BlockingClient sub = Mqtt3Client.builder().identifier("sess-noqos0").serverHost(b.host())
                    .serverPort(b.port()).buildBlocking();
            Mqtt3BlockingClient pub = Mqtt3Client.builder().identifier("sess-noqos0-pub").serverHost(b.host())
                    .serverPort(b.port()).buildBlocking();
            pub.connect();
            sub.connectWith().cleanSession(false).send();
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            sub.disconnect();
            awaitOffline(b, "sess-noqos0");
            pub.publishWith().topic(topic).qos(MqttQos.AT_MOST_ONCE).payload(bytes("qos0")).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("qos1")).send();
            try (Mqtt3BlockingClient.Mqtt3Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(sub.connectWith().cleanSession(false).send().isSessionPresent()).isTrue();
                // published first, the QoS 0 message would come first had it been queued
                assertThat(text(publishes.receive(10, TimeUnit.SECONDS).orElseThrow())).isEqualTo("qos1");
            } finally {
                sub.disconnect();
                pub.disconnect();
            }
        }
    }

    // ---- helpers ----

    static Mqtt5BlockingClient v5(String id) {
        return Mqtt5Client.builder().identifier(id).serverHost(broker.host()).serverPort(broker.port())
                .buildBlocking();
    }

    static Mqtt3BlockingClient v3(String id) {
        return Mqtt3Client.builder().identifier(id).serverHost(broker.host()).serverPort(broker.port())
                .buildBlocking();
    }

    static void publish(String topic, String payload, MqttQos qos) {
        publisher.publishWith().topic(topic).qos(qos).payload(bytes(payload)).send();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(Mqtt5Publish p) {
        return new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    static String text(Mqtt3Publish p) {
        return new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }
}
