package io.berth.it.shutdown;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
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
import io.berth.codec.Will;
import io.berth.it.session.SessionProbe;
import io.berth.server.config.DurabilityConfig;
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
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Broker.close()} with clients connected: wills are published first, then MQTT 5 clients get DISCONNECT
 * 0x8B (Server shutting down) and every connection closes (spec 4.13, 3.14.2.1). One broker per test.
 */
class BrokerShutdownIT {

    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    @Test
    void close_v5Client_getsDisconnectServerShuttingDownThenEof() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start();
        try (RawMqttClient raw = connect(broker, MqttVersion.MQTT_5, "shut-v5", null)) {
            broker.close();
            assertThat(raw.receive()).isEqualTo(new DisconnectPacket(ReasonCode.SERVER_SHUTTING_DOWN));
            assertThat(raw.receive(CLOSE_TIMEOUT)).isNull();
        } finally {
            broker.close();
        }
    }

    @Test
    void close_v311Client_isClosedWithoutDisconnect() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start();
        try (RawMqttClient raw = connect(broker, MqttVersion.MQTT_3_1_1, "shut-v3", null)) {
            broker.close();
            assertThat(raw.receive(CLOSE_TIMEOUT)).as("EOF, no packet: 3.1.1 has no server DISCONNECT").isNull();
        } finally {
            broker.close();
        }
    }

    @Test
    void close_everyConnectionCloses_includingOneThatNeverSentConnect() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start();
        try (RawMqttClient v5a = connect(broker, MqttVersion.MQTT_5, "shut-all-a", null);
             RawMqttClient v5b = connect(broker, MqttVersion.MQTT_5, "shut-all-b", null);
             RawMqttClient v3 = connect(broker, MqttVersion.MQTT_3_1_1, "shut-all-c", null);
             RawMqttClient v31 = connect(broker, MqttVersion.MQTT_3_1, "shut-all-d", null);
             RawMqttClient silent = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            // barrier: a CONNACK on another connection proves the silent one was accepted before it
            connect(broker, MqttVersion.MQTT_3_1_1, "shut-all-e", null).close();
            broker.close();
            assertThat(v5a.receive()).isEqualTo(new DisconnectPacket(ReasonCode.SERVER_SHUTTING_DOWN));
            assertThat(v5b.receive()).isEqualTo(new DisconnectPacket(ReasonCode.SERVER_SHUTTING_DOWN));
            for (RawMqttClient c : List.of(v5a, v5b, v3, v31, silent)) {
                assertThat(c.receive(CLOSE_TIMEOUT)).isNull();
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void close_hiveMq5_secondOpinion_seesServerShuttingDown() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start();
        try {
            CompletableFuture<Throwable> disconnected = new CompletableFuture<>();
            Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("shut-hivemq").serverHost(broker.host())
                    .serverPort(broker.port())
                    .addDisconnectedListener(ctx -> disconnected.complete(ctx.getCause()))
                    .buildBlocking();
            client.connect();
            broker.close();
            assertThat(disconnected.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(
                    Mqtt5DisconnectException.class, e -> assertThat(e.getMqttMessage().getReasonCode())
                            .isEqualTo(Mqtt5DisconnectReasonCode.SERVER_SHUTTING_DOWN));
        } finally {
            broker.close();
        }
    }

    @Test
    void close_paho5_secondOpinion_seesServerShuttingDown() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start();
        MqttClient paho = new MqttClient(broker.tcpUri(), "shut-paho5", new MemoryPersistence());
        try {
            CompletableFuture<Integer> reason = new CompletableFuture<>();
            paho.setCallback(new DisconnectCallback(reason));
            paho.connect(new MqttConnectionOptions());
            broker.close();
            assertThat(reason.get(10, TimeUnit.SECONDS)).isEqualTo(ReasonCode.SERVER_SHUTTING_DOWN.value());
        } finally {
            broker.close();
            paho.close(true);
        }
    }

    // ---- wills at shutdown ----

    @Test
    void close_willsOfConnectedClientsArePublishedBeforeTheOthersAreDisconnected() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start();
        try (RawMqttClient subscriber = connect(broker, MqttVersion.MQTT_5, "shut-will-sub", null);
             RawMqttClient withWill = connect(broker, MqttVersion.MQTT_5, "shut-will",
                     will("shut/will", "broker went away", 0))) {
            subscribe(subscriber, "shut/will");
            broker.close();
            assertWillThenShutdown(subscriber, "shut/will", "broker went away");
            assertThat(withWill.receive()).isEqualTo(new DisconnectPacket(ReasonCode.SERVER_SHUTTING_DOWN));
        } finally {
            broker.close();
        }
    }

    /**
     * Durability off: the delayed will cannot outlive the broker, so it goes at the shutdown. (With durability on,
     * a persistent session's delayed will stays in the store and is due after the restart: durability.WillRestartIT.)
     */
    @Test
    void close_withoutDurability_pendingDelayedWillIsPublishedBeforeTheOthersAreDisconnected() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withDurability(DurabilityConfig.disabled()));
        try (RawMqttClient subscriber = connect(broker, MqttVersion.MQTT_5, "shut-delayed-sub", null)) {
            subscribe(subscriber, "shut/delayed");
            // gone with a will delay of 60 s and a session that outlives it
            connect(broker, MqttVersion.MQTT_5, "shut-delayed", will("shut/delayed", "delayed will", 60)).close();
            SessionProbe.awaitOffline(broker, "shut-delayed");
            broker.close();
            assertWillThenShutdown(subscriber, "shut/delayed", "delayed will");
        } finally {
            broker.close();
        }
    }

    private static void assertWillThenShutdown(RawMqttClient subscriber, String topic, String payload)
            throws Exception {
        MqttPacket first = subscriber.receive();
        assertThat(first).isInstanceOfSatisfying(PublishPacket.class, p -> {
            assertThat(p.topic()).isEqualTo(topic);
            assertThat(p.payload().toString(StandardCharsets.UTF_8)).isEqualTo(payload);
        });
        assertThat(subscriber.receive()).isEqualTo(new DisconnectPacket(ReasonCode.SERVER_SHUTTING_DOWN));
        assertThat(subscriber.receive(CLOSE_TIMEOUT)).isNull();
    }

    // ---- helpers ----

    private static Will will(String topic, String payload, long delaySeconds) {
        MqttProperties props = delaySeconds == 0 ? MqttProperties.EMPTY
                : MqttProperties.builder().willDelayInterval(delaySeconds).build();
        return new Will(topic, payload.getBytes(StandardCharsets.UTF_8), 0, false, props);
    }

    private static RawMqttClient connect(EmbeddedBroker broker, MqttVersion version, String clientId, Will will)
            throws Exception {
        RawMqttClient raw = RawMqttClient.connect(broker, version);
        MqttProperties props = version.isV5() && will != null
                ? MqttProperties.builder().sessionExpiryInterval(120L).build() : MqttProperties.EMPTY;
        raw.send(new ConnectPacket(version, clientId, true, 60, null, null, will, props));
        assertThat(((ConnAckPacket) raw.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        return raw;
    }

    private static void subscribe(RawMqttClient raw, String topic) throws Exception {
        raw.send(new SubscribePacket(1, List.of(new SubscriptionRequest(topic, 1)), MqttProperties.EMPTY));
        assertThat(raw.receive()).isInstanceOf(SubAckPacket.class);
    }

    /** Completes with the reason code of the DISCONNECT the server sent. */
    private record DisconnectCallback(CompletableFuture<Integer> reason) implements MqttCallback {
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
        public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties props) {
        }
    }
}
