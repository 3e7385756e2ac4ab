package io.berth.it.connect;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.core.MqttSettings;
import io.berth.it.session.SessionProbe;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Successful CONNECT / CONNACK in MQTT 3.1, 3.1.1 and 5.0 (spec 3.1, 3.2). */
class ConnectIT {

    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    // ---- session present 0 for a new session ----

    @Test
    void connect_v5_newSessionWithCleanStart0_sessionPresent0_MQTT_3_2_2_3() throws Exception {
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("conn-new-v5").serverHost(broker.host())
                .serverPort(broker.port()).buildBlocking();
        Mqtt5ConnAck ack = client.connectWith().cleanStart(false).sessionExpiryInterval(0).send();
        try {
            assertThat(ack.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(ack.isSessionPresent()).isFalse();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void connect_v5_cleanStart1_sessionPresent0_MQTT_3_2_2_2() throws Exception {
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("conn-clean-v5").serverHost(broker.host())
                .serverPort(broker.port()).buildBlocking();
        Mqtt5ConnAck ack = client.connectWith().cleanStart(true).send();
        try {
            assertThat(ack.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(ack.isSessionPresent()).isFalse();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void connect_v311_newSessionWithCleanSession0_sessionPresent0_MQTT_3_2_2_3() throws Exception {
        Mqtt3BlockingClient client = Mqtt3Client.builder().identifier("conn-new-v3").serverHost(broker.host())
                .serverPort(broker.port()).buildBlocking();
        Mqtt3ConnAck ack = client.connectWith().cleanSession(false).send();
        try {
            assertThat(ack.getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
            assertThat(ack.isSessionPresent()).isFalse();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void connect_v311_rawBytes_connAckIsSuccessWithSessionPresent0_MQTT_3_2_2_1() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            // CONNECT "MQTT" level 4, Clean Session 1, keepalive 60, client id "conn-raw"
            raw.sendBytes(0x10, 0x14, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C,
                    0x00, 0x08, 'c', 'o', 'n', 'n', '-', 'r', 'a', 'w');
            MqttPacket ack = raw.receive();
            assertThat(ack).isEqualTo(new ConnAckPacket(false, ReasonCode.SUCCESS, MqttProperties.EMPTY));
        }
    }

    @Test
    void connect_paho5_newSession_sessionPresent0() throws Exception {
        var client = new org.eclipse.paho.mqttv5.client.MqttClient(broker.tcpUri(), "conn-paho5",
                new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(0L);
        try {
            IMqttToken token = client.connectWithResult(options);
            assertThat(token.getSessionPresent()).isFalse();
            assertThat(client.isConnected()).isTrue();
        } finally {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }

    // ---- CONNACK properties for MQTT 5 clients ----

    /** max_packet_size 4096, max_topic_alias 5, max_inflight 10. */
    private static MqttSettings limitedSettings() {
        MqttSettings d = MqttSettings.defaults();
        return new MqttSettings(4096, d.maxClientIdLen(), d.maxTopicLevels(), 5,
                d.maxQosAllowed(), 10, d.maxMqueueLen(), d.mqueueStoreQos0(), d.maxAwaitingRel(),
                d.maxSubscriptions(), d.sessionExpiryInterval(), d.maxKeepalive(), d.keepaliveMultiplier(),
                d.idleTimeout(), d.retainAvailable(), d.wildcardSubscription(), d.sharedSubscription(),
                d.serverKeepalive());
    }

    @Test
    void connAck_v5_announcesServerLimits_receiveMaximumPacketSizeTopicAliasMaximum() throws Exception {
        try (EmbeddedBroker limited = EmbeddedBroker.withMqtt(limitedSettings())) {
            Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("conn-props")
                    .serverHost(limited.host()).serverPort(limited.port()).buildBlocking();
            Mqtt5ConnAck ack = client.connect();
            try {
                assertThat(ack.getRestrictions().getReceiveMaximum()).isEqualTo(10);
                assertThat(ack.getRestrictions().getMaximumPacketSize()).isEqualTo(4096);
                assertThat(ack.getRestrictions().getTopicAliasMaximum()).isEqualTo(5);
                assertThat(ack.getAssignedClientIdentifier()).isEmpty(); // the client sent one
            } finally {
                client.disconnect();
            }
        }
    }

    @Test
    void connAck_v5_rawClient_carriesExactlyTheDefaultLimits() throws Exception {
        MqttSettings d = MqttSettings.defaults();
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            raw.send(new ConnectPacket(MqttVersion.MQTT_5, "conn-raw-props", true, 60, null, null, null,
                    MqttProperties.EMPTY));
            ConnAckPacket ack = (ConnAckPacket) raw.receive();
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(ack.sessionPresent()).isFalse();
            assertThat(ack.properties()).isEqualTo(MqttProperties.builder()
                    .receiveMaximum(d.maxInflight())
                    .maximumPacketSize((long) d.maxPacketSize())
                    .topicAliasMaximum(d.maxTopicAlias())
                    .build());
        }
    }

    @Test
    void connAck_v5_announcesDisabledFeatures_maximumQosRetainWildcardShared() throws Exception {
        MqttSettings d = MqttSettings.defaults();
        MqttSettings restricted = new MqttSettings(d.maxPacketSize(), d.maxClientIdLen(), d.maxTopicLevels(),
                d.maxTopicAlias(), 1, d.maxInflight(), d.maxMqueueLen(), d.mqueueStoreQos0(), d.maxAwaitingRel(),
                d.maxSubscriptions(), d.sessionExpiryInterval(), d.maxKeepalive(), d.keepaliveMultiplier(),
                d.idleTimeout(), false, false, false, d.serverKeepalive());
        try (EmbeddedBroker b = EmbeddedBroker.withMqtt(restricted)) {
            Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("conn-restricted").serverHost(b.host())
                    .serverPort(b.port()).buildBlocking();
            Mqtt5ConnAck ack = client.connect();
            try {
                assertThat(ack.getRestrictions().getMaximumQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
                assertThat(ack.getRestrictions().isRetainAvailable()).isFalse();
                assertThat(ack.getRestrictions().isWildcardSubscriptionAvailable()).isFalse();
                assertThat(ack.getRestrictions().isSharedSubscriptionAvailable()).isFalse();
            } finally {
                client.disconnect();
            }
        }
    }

    @Test
    void connAck_paho5_secondOpinion_seesReceiveMaximumPacketSizeAndTopicAliasMaximum() throws Exception {
        // not the defaults: Paho 1.2.5 reads Topic Alias Maximum as a signed short, so 65535 shows as -1
        try (EmbeddedBroker limited = EmbeddedBroker.withMqtt(limitedSettings())) {
            var client = new org.eclipse.paho.mqttv5.client.MqttClient(limited.tcpUri(), "conn-paho5-props",
                    new MemoryPersistence());
            try {
                IMqttToken token = client.connectWithResult(new MqttConnectionOptions());
                var props = token.getResponseProperties();
                assertThat(props.getReceiveMaximum()).isEqualTo(10);
                assertThat(props.getMaximumPacketSize()).isEqualTo(4096L);
                assertThat(props.getTopicAliasMaximum()).isEqualTo(5);
                assertThat(props.getAssignedClientIdentifier()).isNull();
            } finally {
                if (client.isConnected()) {
                    client.disconnect();
                }
                client.close();
            }
        }
    }

    // ---- MQTT 3.1 ("MQIsdp", level 3) ----

    @Test
    void connect_mqtt31_paho_connectsSubscribesAndReceives() throws Exception {
        var client = new org.eclipse.paho.client.mqttv3.MqttClient(broker.tcpUri(), "conn-v31-paho",
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1);
        options.setCleanSession(true);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try {
            client.connect(options);
            assertThat(client.isConnected()).isTrue();
            client.subscribe("conn/v31", 1, (topic, message) ->
                    received.add(topic + ":" + new String(message.getPayload(), StandardCharsets.UTF_8)));
            client.publish("conn/v31", "hello 3.1".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("conn/v31:hello 3.1");
        } finally {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }

    @Test
    void connect_mqtt31_resumedSession_connAckFlagsStayZero() throws Exception {
        // MQTT 3.1 has no Session Present flag: the first CONNACK byte is reserved
        ConnectPacket connect = new ConnectPacket(MqttVersion.MQTT_3_1, "c31-persist", false, 60, null, null, null,
                MqttProperties.EMPTY);
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1)) {
            raw.send(connect);
            assertThat(raw.receive()).isEqualTo(new ConnAckPacket(false, ReasonCode.SUCCESS, MqttProperties.EMPTY));
            raw.sendBytes(0xE0, 0x00); // DISCONNECT
            assertThat(raw.receive(Duration.ofSeconds(5))).isNull();
        }
        SessionProbe.awaitOffline(broker, "c31-persist");
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1)) {
            raw.send(connect);
            assertThat(raw.receive()).isEqualTo(new ConnAckPacket(false, ReasonCode.SUCCESS, MqttProperties.EMPTY));
        }
    }

    @Test
    void connect_mqtt31_rawBytes_connAckSuccess() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1)) {
            // CONNECT "MQIsdp" level 3, Clean Session 1, keepalive 60, client id "c31"
            raw.sendBytes(0x10, 0x11, 0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x03, 0x02, 0x00, 0x3C,
                    0x00, 0x03, 'c', '3', '1');
            assertThat(raw.receive()).isEqualTo(new ConnAckPacket(false, ReasonCode.SUCCESS,
                    MqttProperties.EMPTY));
            raw.sendBytes(0xC0, 0x00); // PINGREQ: the connection is usable
            assertThat(raw.receive(Duration.ofSeconds(10))).isInstanceOf(io.berth.codec.PingRespPacket.class);
        }
    }
}
