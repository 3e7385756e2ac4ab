package io.berth.it.session;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.codec.SubAckPacket;
import io.berth.codec.SubscribePacket;
import io.berth.codec.SubscriptionRequest;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second connection with the client identifier of a connected client takes the session over: the first
 * connection is closed (MQTT 5: DISCONNECT 0x8E first) and the session continues on the new one, unless the new
 * connection asks for a clean start (spec 3.1.4, MQTT-3.1.4-2 in 3.1.1, MQTT-3.1.4-3 in 5.0).
 */
class SessionTakeoverIT {

    static EmbeddedBroker broker;
    static Mqtt5BlockingClient publisher;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start();
        publisher = Mqtt5Client.builder().identifier("take-pub").serverHost(broker.host())
                .serverPort(broker.port()).buildBlocking();
        publisher.connect();
    }

    @AfterAll
    static void stop() {
        publisher.disconnect();
        broker.close();
    }

    @Test
    void takeover_v5_firstClientGetsSessionTakenOver_secondContinuesSession_MQTT_3_1_4_3() throws Exception {
        String topic = "take/v5";
        CompletableFuture<Throwable> firstDisconnected = new CompletableFuture<>();
        Mqtt5BlockingClient first = Mqtt5Client.builder().identifier("take-v5").serverHost(broker.host())
                .serverPort(broker.port())
                .addDisconnectedListener(ctx -> firstDisconnected.complete(ctx.getCause()))
                .buildBlocking();
        first.connectWith().cleanStart(false).sessionExpiryInterval(60).send();
        first.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

        Mqtt5BlockingClient second = client("take-v5");
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = second.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(second.connectWith().cleanStart(false).sessionExpiryInterval(60).send().isSessionPresent())
                    .isTrue();
            Throwable cause = firstDisconnected.get(10, TimeUnit.SECONDS);
            assertThat(cause).isInstanceOfSatisfying(Mqtt5DisconnectException.class, e ->
                    assertThat(e.getMqttMessage().getReasonCode())
                            .isEqualTo(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER));
            publish(topic, "to the new connection");
            assertThat(text(publishes.receive(10, TimeUnit.SECONDS).orElseThrow()))
                    .isEqualTo("to the new connection");
        } finally {
            second.disconnectWith().sessionExpiryInterval(0).send();
        }
    }

    @Test
    void takeover_v5_rawFirstConnection_receivesDisconnect0x8EThenClose() throws Exception {
        try (RawMqttClient first = RawMqttClient.connect(broker, MqttVersion.MQTT_5);
             RawMqttClient second = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            first.send(connect(MqttVersion.MQTT_5, "take-raw-v5", true));
            assertThat(((ConnAckPacket) first.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            second.send(connect(MqttVersion.MQTT_5, "take-raw-v5", true));
            assertThat(((ConnAckPacket) second.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(first.receive()).isEqualTo(new DisconnectPacket(ReasonCode.SESSION_TAKEN_OVER));
            assertThat(first.receive(Duration.ofSeconds(5))).isNull();
        }
    }

    @Test
    void takeover_v311_firstConnectionClosed_secondContinuesSession_MQTT_3_1_4_2() throws Exception {
        String topic = "take/v3";
        try (RawMqttClient first = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            first.send(connect(MqttVersion.MQTT_3_1_1, "take-v3", false));
            assertThat(((ConnAckPacket) first.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            first.send(new SubscribePacket(1, List.of(new SubscriptionRequest(topic, 1)), MqttProperties.EMPTY));
            assertThat(first.receive()).isInstanceOf(SubAckPacket.class);

            Mqtt3BlockingClient second = Mqtt3Client.builder().identifier("take-v3").serverHost(broker.host())
                    .serverPort(broker.port()).buildBlocking();
            try (Mqtt3BlockingClient.Mqtt3Publishes publishes = second.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(second.connectWith().cleanSession(false).send().isSessionPresent()).isTrue();
                // MQTT 3.1.1 has no server DISCONNECT: the first connection just closes
                assertThat(first.receive(Duration.ofSeconds(5))).isNull();
                publish(topic, "v3 continued");
                assertThat(new String(publishes.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes(),
                        StandardCharsets.UTF_8)).isEqualTo("v3 continued");
            } finally {
                second.disconnect();
            }
        }
    }

    @Test
    void takeover_unacknowledgedQos1IsResentToTheNewConnectionWithDup_MQTT_4_4_0_1() throws Exception {
        String topic = "take/inflight";
        try (RawMqttClient first = RawMqttClient.connect(broker, MqttVersion.MQTT_5);
             RawMqttClient second = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            first.send(connect(MqttVersion.MQTT_5, "take-inflight", false));
            assertThat(((ConnAckPacket) first.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            first.send(new SubscribePacket(1, List.of(new SubscriptionRequest(topic, 1)), MqttProperties.EMPTY));
            assertThat(first.receive()).isInstanceOf(SubAckPacket.class);
            publish(topic, "unacked");
            PublishPacket original = (PublishPacket) first.receive();
            assertThat(original.dup()).isFalse();
            // no PUBACK from the first connection

            second.send(connect(MqttVersion.MQTT_5, "take-inflight", false));
            ConnAckPacket ack = (ConnAckPacket) second.receive();
            assertThat(ack.sessionPresent()).isTrue();
            MqttPacket resent = second.receive();
            assertThat(resent).isInstanceOfSatisfying(PublishPacket.class, p -> {
                assertThat(p.dup()).isTrue();
                assertThat(p.packetId()).isEqualTo(original.packetId());
                assertThat(p.topic()).isEqualTo(topic);
                assertThat(p.payload().toString(StandardCharsets.UTF_8)).isEqualTo("unacked");
            });
            second.send(new DisconnectPacket(ReasonCode.NORMAL_DISCONNECTION,
                    MqttProperties.builder().sessionExpiryInterval(0L).build()));
        }
    }

    @Test
    void takeover_withCleanStart1_discardsTheOldSession_MQTT_3_1_2_4() throws Exception {
        String topic = "take/clean";
        CompletableFuture<Throwable> firstDisconnected = new CompletableFuture<>();
        Mqtt5BlockingClient first = Mqtt5Client.builder().identifier("take-clean").serverHost(broker.host())
                .serverPort(broker.port())
                .addDisconnectedListener(ctx -> firstDisconnected.complete(ctx.getCause()))
                .buildBlocking();
        first.connectWith().cleanStart(false).sessionExpiryInterval(60).send();
        first.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

        Mqtt5BlockingClient second = client("take-clean");
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = second.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(second.connectWith().cleanStart(true).send().isSessionPresent()).isFalse();
            assertThat(firstDisconnected.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(
                    Mqtt5DisconnectException.class, e -> assertThat(e.getMqttMessage().getReasonCode())
                            .isEqualTo(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER));
            second.subscribeWith().topicFilter(topic + "/marker").qos(MqttQos.AT_LEAST_ONCE).send();
            publish(topic, "old subscription");
            publish(topic + "/marker", "marker");
            assertThat(text(publishes.receive(10, TimeUnit.SECONDS).orElseThrow())).isEqualTo("marker");
        } finally {
            second.disconnect();
        }
    }

    @Test
    void takeover_paho5_secondOpinion_firstClientToldSessionTakenOver() throws Exception {
        CompletableFuture<Integer> reason = new CompletableFuture<>();
        MqttClient first = new MqttClient(broker.tcpUri(), "take-paho5", new MemoryPersistence());
        first.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                reason.complete(response.getReturnCode());
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode,
                                          org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {
            }
        });
        try {
            first.connect(new MqttConnectionOptions());
            Mqtt5BlockingClient second = client("take-paho5");
            second.connect();
            assertThat(reason.get(10, TimeUnit.SECONDS)).isEqualTo(ReasonCode.SESSION_TAKEN_OVER.value());
            second.disconnect();
        } finally {
            first.close(true);
        }
    }

    // ---- helpers ----

    private static ConnectPacket connect(MqttVersion version, String clientId, boolean cleanStart) {
        MqttProperties props = version.isV5() && !cleanStart
                ? MqttProperties.builder().sessionExpiryInterval(60L).build() : MqttProperties.EMPTY;
        return new ConnectPacket(version, clientId, cleanStart, 60, null, null, null, props);
    }

    private static Mqtt5BlockingClient client(String id) {
        return Mqtt5Client.builder().identifier(id).serverHost(broker.host()).serverPort(broker.port())
                .buildBlocking();
    }

    private static void publish(String topic, String payload) {
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    private static String text(Mqtt5Publish p) {
        return new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }
}
