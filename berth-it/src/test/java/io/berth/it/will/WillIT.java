package io.berth.it.will;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.codec.Will;
import io.berth.it.session.SessionProbe;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Will Messages (spec 3.1.2.5, 3.1.3.2): published when the network connection closes without a normal
 * DISCONNECT (MQTT-3.1.2-8), not after one (MQTT-3.1.2-10), with the will's QoS and RETAIN.
 */
class WillIT {

    static EmbeddedBroker broker;
    static Mqtt5BlockingClient publisher;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start();
        publisher = Mqtt5Client.builder().identifier("will-pub").serverHost(broker.host())
                .serverPort(broker.port()).buildBlocking();
        publisher.connect();
    }

    @AfterAll
    static void stop() {
        publisher.disconnect();
        broker.close();
    }

    // ---- connection lost: published ----

    @Test
    void connectionDroppedWithoutDisconnect_v311_willIsPublished_MQTT_3_1_2_8() throws Exception {
        assertWillPublishedWhenSocketCloses(MqttVersion.MQTT_3_1_1, "will-drop-v3", "will/drop/v3");
    }

    @Test
    void connectionDroppedWithoutDisconnect_v5_willIsPublished_MQTT_3_1_2_8() throws Exception {
        assertWillPublishedWhenSocketCloses(MqttVersion.MQTT_5, "will-drop-v5", "will/drop/v5");
    }

    private static void assertWillPublishedWhenSocketCloses(MqttVersion version, String clientId, String topic)
            throws Exception {
        try (Subscriber sub = Subscriber.on(broker, topic)) {
            RawMqttClient raw = connectWithWill(version, clientId, will(topic, "gone", 1, false));
            raw.close(); // no DISCONNECT
            Mqtt5Publish will = sub.next();
            assertThat(will.getTopic().toString()).isEqualTo(topic);
            assertThat(text(will)).isEqualTo("gone");
        }
    }

    @Test
    void connectionDroppedWithoutDisconnect_paho3_secondOpinion_willIsPublished() throws Exception {
        String topic = "will/drop/paho3";
        try (Subscriber sub = Subscriber.on(broker, topic)) {
            MqttClient paho = new MqttClient(broker.tcpUri(), "will-paho3", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setWill(topic, "paho gone".getBytes(StandardCharsets.UTF_8), 1, false);
            try {
                paho.connect(options);
                paho.disconnectForcibly(0, 1000, false); // close the socket without sending DISCONNECT
            } finally {
                paho.close(true);
            }
            assertThat(text(sub.next())).isEqualTo("paho gone");
        }
    }

    @Test
    void protocolErrorClose_v5_willIsPublished_MQTT_3_1_2_8() throws Exception {
        String topic = "will/protocol-error";
        try (Subscriber sub = Subscriber.on(broker, topic);
             RawMqttClient raw = connectWithWill(MqttVersion.MQTT_5, "will-perr", will(topic, "perr", 0, false))) {
            raw.send(new ConnectPacket(MqttVersion.MQTT_5, "will-perr", true, 60, null, null, null,
                    MqttProperties.EMPTY)); // a second CONNECT: the server closes the connection
            assertThat(raw.receive()).isEqualTo(new DisconnectPacket(ReasonCode.PROTOCOL_ERROR));
            assertThat(text(sub.next())).isEqualTo("perr");
        }
    }

    @Test
    void keepAliveTimeout_v311_willIsPublished_MQTT_3_1_2_8() throws Exception {
        String topic = "will/keepalive";
        try (Subscriber sub = Subscriber.on(broker, topic);
             RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            raw.send(new ConnectPacket(MqttVersion.MQTT_3_1_1, "will-ka", true, 1, null, null,
                    will(topic, "silent", 1, false), MqttProperties.EMPTY));
            assertThat(((ConnAckPacket) raw.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(text(sub.next())).isEqualTo("silent");
        }
    }

    @Test
    void disconnectWithWillMessage0x04_v5_willIsPublished() throws Exception {
        String topic = "will/disconnect-0x04";
        try (Subscriber sub = Subscriber.on(broker, topic);
             RawMqttClient raw = connectWithWill(MqttVersion.MQTT_5, "will-0x04", will(topic, "asked for", 1,
                     false))) {
            raw.send(new DisconnectPacket(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE));
            assertThat(text(sub.next())).isEqualTo("asked for");
        }
    }

    @Test
    void disconnectWithErrorReasonCode_v5_willIsPublished_MQTT_3_14_4_3() throws Exception {
        // only 0x00 (Normal disconnection) discards the will (spec 3.1.2.5, MQTT-3.14.4-3)
        String topic = "will/disconnect-0x80";
        try (Subscriber sub = Subscriber.on(broker, topic);
             RawMqttClient raw = connectWithWill(MqttVersion.MQTT_5, "will-0x80", will(topic, "client error", 1,
                     false))) {
            raw.send(new DisconnectPacket(ReasonCode.UNSPECIFIED_ERROR));
            assertThat(text(sub.next())).isEqualTo("client error");
        }
    }

    // ---- normal DISCONNECT: not published ----

    @Test
    void normalDisconnect_v311_willIsNotPublished_MQTT_3_1_2_10() throws Exception {
        assertNoWillAfterNormalDisconnect(MqttVersion.MQTT_3_1_1, "will-normal-v3", "will/normal/v3");
    }

    @Test
    void normalDisconnect_v5_willIsNotPublished_MQTT_3_1_2_10() throws Exception {
        assertNoWillAfterNormalDisconnect(MqttVersion.MQTT_5, "will-normal-v5", "will/normal/v5");
    }

    private static void assertNoWillAfterNormalDisconnect(MqttVersion version, String clientId, String topic)
            throws Exception {
        try (Subscriber sub = Subscriber.on(broker, topic);
             RawMqttClient raw = connectWithWill(version, clientId, will(topic, "must not appear", 1, false))) {
            raw.send(new DisconnectPacket(ReasonCode.NORMAL_DISCONNECTION));
            assertThat(raw.receive(Duration.ofSeconds(5))).isNull();
            // barrier: the clean session has ended, so the broker has finished with this connection's will
            SessionProbe.awaitGone(broker, clientId);
            publish(topic, "marker", MqttQos.AT_LEAST_ONCE, false);
            assertThat(text(sub.next())).isEqualTo("marker");
        }
    }

    // ---- QoS and RETAIN of the will ----

    @Test
    void willRetain1_laterSubscriberGetsTheWillAsRetainedMessage_MQTT_3_1_2_17() throws Exception {
        String topic = "will/retained";
        try (Subscriber live = Subscriber.on(broker, topic)) {
            RawMqttClient raw = connectWithWill(MqttVersion.MQTT_3_1_1, "will-retain",
                    will(topic, "retained will", 1, true));
            raw.close();
            assertThat(text(live.next())).isEqualTo("retained will"); // barrier: the will was published
            try (Subscriber later = Subscriber.on(broker, topic)) {
                Mqtt5Publish retained = later.next();
                assertThat(text(retained)).isEqualTo("retained will");
                assertThat(retained.isRetain()).isTrue();
            }
        } finally {
            publish(topic, "", MqttQos.AT_LEAST_ONCE, true); // clear the retained message
        }
    }

    @Test
    void willRetain0_laterSubscriberGetsNothingRetained() throws Exception {
        String topic = "will/not-retained";
        try (Subscriber live = Subscriber.on(broker, topic)) {
            RawMqttClient raw = connectWithWill(MqttVersion.MQTT_5, "will-noretain",
                    will(topic, "not retained", 1, false));
            raw.close();
            assertThat(text(live.next())).isEqualTo("not retained");
            try (Subscriber later = Subscriber.on(broker, topic)) {
                publish(topic, "marker", MqttQos.AT_LEAST_ONCE, false);
                assertThat(text(later.next())).isEqualTo("marker");
            }
        }
    }

    @Test
    void willQos_isThePublishQos_upToTheSubscriptionQos() throws Exception {
        String topic = "will/qos";
        try (Subscriber sub = Subscriber.on(broker, topic)) { // subscribed with QoS 2
            for (int qos = 0; qos <= 2; qos++) {
                RawMqttClient raw = connectWithWill(MqttVersion.MQTT_5, "will-qos" + qos,
                        will(topic, "qos " + qos, qos, false));
                raw.close();
                Mqtt5Publish will = sub.next();
                assertThat(text(will)).isEqualTo("qos " + qos);
                assertThat(will.getQos().getCode()).isEqualTo(qos);
            }
        }
    }

    @Test
    void willProperties_v5_areForwardedWithUserPropertiesInOrder_MQTT_3_1_3_10() throws Exception {
        String topic = "will/properties";
        MqttProperties props = MqttProperties.builder()
                .payloadFormatIndicator(1)
                .contentType("text/plain")
                .responseTopic("will/reply")
                .correlationData(new byte[] {7, 8, 9})
                .messageExpiryInterval(3600L)
                .addUserProperty("b", "2")
                .addUserProperty("a", "1")
                .addUserProperty("b", "3")
                .build();
        try (Subscriber sub = Subscriber.on(broker, topic)) {
            RawMqttClient raw = connectWithWill(MqttVersion.MQTT_5, "will-props",
                    new Will(topic, "with properties".getBytes(StandardCharsets.UTF_8), 1, false, props));
            raw.close();
            Mqtt5Publish will = sub.next();
            assertThat(text(will)).isEqualTo("with properties");
            assertThat(will.getPayloadFormatIndicator()).hasValueSatisfying(
                    f -> assertThat(f.getCode()).isEqualTo(1));
            assertThat(will.getContentType()).hasValueSatisfying(
                    c -> assertThat(c.toString()).isEqualTo("text/plain"));
            assertThat(will.getResponseTopic()).hasValueSatisfying(
                    t -> assertThat(t.toString()).isEqualTo("will/reply"));
            assertThat(will.getCorrelationData()).hasValueSatisfying(buf -> {
                byte[] data = new byte[buf.remaining()];
                buf.duplicate().get(data);
                assertThat(data).containsExactly(7, 8, 9);
            });
            assertThat(will.getMessageExpiryInterval()).isPresent();
            assertThat(will.getMessageExpiryInterval().getAsLong()).isBetween(3590L, 3600L);
            assertThat(will.getUserProperties().asList()).extracting(
                    p -> p.getName() + "=" + p.getValue()).containsExactly("b=2", "a=1", "b=3");
        }
    }

    // ---- takeover ----

    @Test
    void takeover_v311_oldConnectionsWillIsPublished() throws Exception {
        String topic = "will/takeover/v3";
        try (Subscriber sub = Subscriber.on(broker, topic);
             RawMqttClient first = connectWithWill(MqttVersion.MQTT_3_1_1, "will-take-v3",
                     will(topic, "taken over", 1, false));
             RawMqttClient second = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            second.send(new ConnectPacket(MqttVersion.MQTT_3_1_1, "will-take-v3", true, 60, null, null, null,
                    MqttProperties.EMPTY));
            assertThat(((ConnAckPacket) second.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(first.receive(Duration.ofSeconds(5))).isNull();
            assertThat(text(sub.next())).isEqualTo("taken over");
        }
    }

    @Test
    void takeover_v5_withoutWillDelay_oldConnectionsWillIsPublished() throws Exception {
        String topic = "will/takeover/v5";
        try (Subscriber sub = Subscriber.on(broker, topic);
             RawMqttClient first = connectWithWill(MqttVersion.MQTT_5, "will-take-v5",
                     will(topic, "taken over v5", 1, false));
             RawMqttClient second = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            second.send(new ConnectPacket(MqttVersion.MQTT_5, "will-take-v5", true, 60, null, null, null,
                    MqttProperties.EMPTY));
            assertThat(((ConnAckPacket) second.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(first.receive()).isEqualTo(new DisconnectPacket(ReasonCode.SESSION_TAKEN_OVER));
            assertThat(text(sub.next())).isEqualTo("taken over v5");
        }
    }

    // ---- helpers ----

    static Will will(String topic, String payload, int qos, boolean retain) {
        return new Will(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain, MqttProperties.EMPTY);
    }

    /** A raw client connected with Clean Start 1 and this will. */
    static RawMqttClient connectWithWill(MqttVersion version, String clientId, Will will) throws Exception {
        RawMqttClient raw = RawMqttClient.connect(broker, version);
        raw.send(new ConnectPacket(version, clientId, true, 60, null, null, will, MqttProperties.EMPTY));
        assertThat(((ConnAckPacket) raw.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        return raw;
    }

    static void publish(String topic, String payload, MqttQos qos, boolean retain) {
        publisher.publishWith().topic(topic).qos(qos).retain(retain)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    static String text(Mqtt5Publish p) {
        return new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }
}
