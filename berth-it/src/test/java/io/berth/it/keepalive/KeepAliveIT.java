package io.berth.it.keepalive;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PingReqPacket;
import io.berth.codec.PingRespPacket;
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
import static org.awaitility.Awaitility.await;

/**
 * Keep Alive (spec 3.1.2.10): the server closes a connection that has been silent for one and a half times the
 * Keep Alive (MQTT-3.1.2-24 in 3.1.1, MQTT-3.1.2-22 in 5.0); mqtt.max_keepalive and Server Keep Alive
 * (MQTT-3.2.2-21).
 */
class KeepAliveIT {

    /** Silence with keepalive 1 s: closed at 1.5 s; allow for a checking period and a loaded machine. */
    static final Duration NOT_BEFORE = Duration.ofMillis(1000);
    static final Duration WITHIN = Duration.ofSeconds(4);

    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void silentClient_v5_getsDisconnectKeepAliveTimeoutAfterOneAndAHalfKeepAlives_MQTT_3_1_2_22() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            raw.send(connect(MqttVersion.MQTT_5, "ka-silent-v5", 1));
            assertThat(((ConnAckPacket) raw.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            long connected = System.nanoTime();
            MqttPacket packet = raw.receive(WITHIN);
            long silentMs = (System.nanoTime() - connected) / 1_000_000;
            assertThat(packet).isEqualTo(new DisconnectPacket(ReasonCode.KEEP_ALIVE_TIMEOUT));
            assertThat(silentMs).isBetween(NOT_BEFORE.toMillis(), WITHIN.toMillis());
            assertThat(raw.receive(Duration.ofSeconds(5))).as("closed after the DISCONNECT").isNull();
        }
    }

    @Test
    void silentClient_v311_isClosedAfterOneAndAHalfKeepAlives_MQTT_3_1_2_24() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            raw.send(connect(MqttVersion.MQTT_3_1_1, "ka-silent-v3", 1));
            assertThat(((ConnAckPacket) raw.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            long connected = System.nanoTime();
            MqttPacket packet = raw.receive(WITHIN);
            long silentMs = (System.nanoTime() - connected) / 1_000_000;
            assertThat(packet).as("MQTT 3.1.1: closed without a DISCONNECT").isNull();
            assertThat(silentMs).isBetween(NOT_BEFORE.toMillis(), WITHIN.toMillis());
        }
    }

    @Test
    void pingReq_getsPingResp_andKeepsTheConnectionAlive() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            raw.send(connect(MqttVersion.MQTT_3_1_1, "ka-ping", 1));
            assertThat(((ConnAckPacket) raw.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            long start = System.nanoTime();
            // ping every ~0.5 s for 2.5 s, well past the 1.5 s after which a silent client is closed
            while (System.nanoTime() - start < Duration.ofMillis(2500).toNanos()) {
                raw.send(PingReqPacket.INSTANCE);
                assertThat(raw.receive(WITHIN)).isSameAs(PingRespPacket.INSTANCE);
                assertThatThrownBy(() -> raw.receive(Duration.ofMillis(500)))
                        .as("nothing from the server between pings, in particular no close")
                        .isInstanceOf(SocketTimeoutException.class);
            }
            raw.send(PingReqPacket.INSTANCE);
            assertThat(raw.receive(WITHIN)).isSameAs(PingRespPacket.INSTANCE);
        }
    }

    @Test
    void pingReq_v5_getsPingResp_MQTT_3_12_4_1() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            raw.send(connect(MqttVersion.MQTT_5, "ka-ping-v5", 60));
            assertThat(((ConnAckPacket) raw.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            raw.sendBytes(0xC0, 0x00);
            assertThat(raw.receive()).isSameAs(PingRespPacket.INSTANCE);
        }
    }

    // ---- mqtt.max_keepalive and mqtt.server_keepalive ----

    @Test
    void maxKeepaliveBelowClients_v5_connAckHasServerKeepAlive_andServerEnforcesIt_MQTT_3_2_2_21() throws Exception {
        try (EmbeddedBroker b = EmbeddedBroker.withMqtt(keepalive(1, null));
             RawMqttClient raw = RawMqttClient.connect(b, MqttVersion.MQTT_5)) {
            raw.send(connect(MqttVersion.MQTT_5, "ka-max", 60));
            ConnAckPacket ack = (ConnAckPacket) raw.receive();
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(ack.properties().serverKeepAlive()).isEqualTo(1);
            long connected = System.nanoTime();
            MqttPacket packet = raw.receive(WITHIN);
            long silentMs = (System.nanoTime() - connected) / 1_000_000;
            assertThat(packet).isEqualTo(new DisconnectPacket(ReasonCode.KEEP_ALIVE_TIMEOUT));
            assertThat(silentMs).isBetween(NOT_BEFORE.toMillis(), WITHIN.toMillis());
        }
    }

    @Test
    void maxKeepaliveBelowClients_hiveMq5_usesTheServerKeepAliveAndStaysConnected() throws Exception {
        try (EmbeddedBroker b = EmbeddedBroker.withMqtt(keepalive(2, null))) {
            Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("ka-max-hivemq").serverHost(b.host())
                    .serverPort(b.port()).buildBlocking();
            Mqtt5ConnAck ack = client.connectWith().keepAlive(60).send();
            try {
                assertThat(ack.getServerKeepAlive()).hasValue(2);
                // the client pings every 2 s as told; pinging every 60 s it would be closed after 3 s
                await().during(Duration.ofMillis(3500)).atMost(Duration.ofSeconds(8))
                        .until(() -> client.getState().isConnected());
            } finally {
                client.disconnect();
            }
        }
    }

    @Test
    void keepaliveWithinMax_v5_connAckHasNoServerKeepAlive() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            raw.send(connect(MqttVersion.MQTT_5, "ka-within-max", 30));
            ConnAckPacket ack = (ConnAckPacket) raw.receive();
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(ack.properties().serverKeepAlive()).isNull();
        }
    }

    @Test
    void serverKeepaliveSetting_v5_isImposedThroughServerKeepAlive() throws Exception {
        try (EmbeddedBroker b = EmbeddedBroker.withMqtt(keepalive(65535, 1));
             RawMqttClient raw = RawMqttClient.connect(b, MqttVersion.MQTT_5)) {
            raw.send(connect(MqttVersion.MQTT_5, "ka-server", 0)); // even a client that asked for none
            ConnAckPacket ack = (ConnAckPacket) raw.receive();
            assertThat(ack.properties().serverKeepAlive()).isEqualTo(1);
            assertThat(raw.receive(WITHIN)).isEqualTo(new DisconnectPacket(ReasonCode.KEEP_ALIVE_TIMEOUT));
        }
    }

    // ---- helpers ----

    private static ConnectPacket connect(MqttVersion version, String clientId, int keepAlive) {
        return new ConnectPacket(version, clientId, true, keepAlive, null, null, null, MqttProperties.EMPTY);
    }

    private static MqttSettings keepalive(int maxKeepalive, Integer serverKeepalive) {
        MqttSettings d = MqttSettings.defaults();
        return new MqttSettings(d.maxPacketSize(), d.maxClientIdLen(), d.maxTopicLevels(), d.maxTopicAlias(),
                d.maxQosAllowed(), d.maxInflight(), d.maxMqueueLen(), d.mqueueStoreQos0(), d.maxAwaitingRel(),
                d.maxSubscriptions(), d.sessionExpiryInterval(), maxKeepalive, d.keepaliveMultiplier(),
                d.idleTimeout(), d.retainAvailable(), d.wildcardSubscription(), d.sharedSubscription(),
                serverKeepalive);
    }
}
