package io.berth.it.connect;

import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.codec.Will;
import io.berth.core.MqttSettings;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CONNECTs the server refuses, and packets out of order around CONNECT (spec 3.1, 4.8). */
class ConnectRejectionIT {

    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    // ---- malformed CONNECT ----

    @Test
    void malformedMqtt5Connect_getsConnAck0x81ThenClose_MQTT_3_1_2_3() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            // CONNECT "MQTT" level 5, flags 0x03: Clean Start plus the reserved bit 0, which must be 0
            raw.sendBytes(0x10, 0x0E, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x03, 0x00, 0x3C, 0x00,
                    0x00, 0x01, 'm');
            assertThat(raw.receive()).isEqualTo(new ConnAckPacket(false, ReasonCode.MALFORMED_PACKET,
                    MqttProperties.EMPTY));
            assertThat(raw.receive(CLOSE_TIMEOUT)).as("closed after the CONNACK").isNull();
        }
    }

    @Test
    void malformedMqtt311Connect_isClosedWithoutConnAck_MQTT_3_1_2_3() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            raw.sendBytes(0x10, 0x0D, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x03, 0x00, 0x3C,
                    0x00, 0x01, 'm');
            assertThat(raw.receive(CLOSE_TIMEOUT)).as("closed, nothing sent").isNull();
        }
    }

    // ---- unsupported protocol level ----

    @Test
    void unsupportedProtocolLevel_getsConnAck0x01In311FramingThenClose_MQTT_3_1_2_2() throws Exception {
        // decoded as MQTT 3.1.1: a 4-byte CONNACK with return code 0x01; MQTT 5 framing would not decode
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            // CONNECT "MQTT" level 6, Clean Session 1, keepalive 60, client id "lvl6"
            raw.sendBytes(0x10, 0x10, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x06, 0x02, 0x00, 0x3C,
                    0x00, 0x04, 'l', 'v', 'l', '6');
            assertThat(raw.receive()).isEqualTo(new ConnAckPacket(false, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
                    MqttProperties.EMPTY));
            assertThat(raw.receive(CLOSE_TIMEOUT)).as("closed after the CONNACK").isNull();
        }
    }

    @Test
    void protocolNameMqttWithLevel3_isUnsupported_MQTT_3_1_2_2() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            // "MQTT" is the 3.1.1 / 5.0 name; level 3 goes with "MQIsdp" only
            raw.sendBytes(0x10, 0x10, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x03, 0x02, 0x00, 0x3C,
                    0x00, 0x04, 'l', 'v', 'l', '3');
            assertThat(raw.receive()).isEqualTo(new ConnAckPacket(false, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
                    MqttProperties.EMPTY));
            assertThat(raw.receive(CLOSE_TIMEOUT)).isNull();
        }
    }

    // ---- a second CONNECT ----

    @Test
    void secondConnect_v5_getsDisconnectProtocolErrorThenClose_MQTT_3_1_0_2() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            ConnectPacket connect = new ConnectPacket(MqttVersion.MQTT_5, "rej-second-v5", true, 60, null, null,
                    null, MqttProperties.EMPTY);
            raw.send(connect);
            assertThat(((ConnAckPacket) raw.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            raw.send(connect);
            assertThat(raw.receive()).isEqualTo(new DisconnectPacket(ReasonCode.PROTOCOL_ERROR));
            assertThat(raw.receive(CLOSE_TIMEOUT)).isNull();
        }
    }

    @Test
    void secondConnect_v311_closesTheConnection_MQTT_3_1_0_2() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            ConnectPacket connect = new ConnectPacket(MqttVersion.MQTT_3_1_1, "rej-second-v3", true, 60, null,
                    null, null, MqttProperties.EMPTY);
            raw.send(connect);
            assertThat(((ConnAckPacket) raw.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            raw.send(connect);
            // MQTT 3.1.1 has no server DISCONNECT: the connection just closes
            assertThat(raw.receive(CLOSE_TIMEOUT)).isNull();
        }
    }

    // ---- packets before CONNECT ----

    @Test
    void publishBeforeConnect_closesWithoutAnswer_MQTT_3_1_0_1() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            raw.sendBytes(0x30, 0x05, 0x00, 0x01, 't', 'h', 'i'); // PUBLISH QoS 0 to "t", payload "hi"
            assertThat(raw.receive(CLOSE_TIMEOUT)).isNull();
        }
    }

    @Test
    void subscribeBeforeConnect_closesWithoutAnswer_MQTT_3_1_0_1() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            raw.sendBytes(0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 't', 0x00); // SUBSCRIBE id 1, "t" QoS 0
            assertThat(raw.receive(CLOSE_TIMEOUT)).isNull();
        }
    }

    @Test
    void pingBeforeConnect_closesWithoutAnswer_MQTT_3_1_0_1() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            raw.sendBytes(0xC0, 0x00);
            assertThat(raw.receive(CLOSE_TIMEOUT)).isNull();
        }
    }

    // ---- a will the server cannot honour ----

    @Test
    void willQosAboveMaximumQos_v5_getsConnAck0x9BThenClose_MQTT_3_2_2_12() throws Exception {
        try (EmbeddedBroker b = EmbeddedBroker.withMqtt(restricted());
             RawMqttClient raw = RawMqttClient.connect(b, MqttVersion.MQTT_5)) {
            raw.send(new ConnectPacket(MqttVersion.MQTT_5, "rej-will-qos", true, 60, null, null,
                    new Will("rej/will", new byte[] {1}, 2, false, MqttProperties.EMPTY), MqttProperties.EMPTY));
            assertThat(((ConnAckPacket) raw.receive()).reasonCode()).isEqualTo(ReasonCode.QOS_NOT_SUPPORTED);
            assertThat(raw.receive(CLOSE_TIMEOUT)).isNull();
        }
    }

    @Test
    void willRetainWhenRetainUnavailable_v5_getsConnAck0x9AThenClose_MQTT_3_2_2_13() throws Exception {
        try (EmbeddedBroker b = EmbeddedBroker.withMqtt(restricted());
             RawMqttClient raw = RawMqttClient.connect(b, MqttVersion.MQTT_5)) {
            raw.send(new ConnectPacket(MqttVersion.MQTT_5, "rej-will-retain", true, 60, null, null,
                    new Will("rej/will", new byte[] {1}, 0, true, MqttProperties.EMPTY), MqttProperties.EMPTY));
            assertThat(((ConnAckPacket) raw.receive()).reasonCode()).isEqualTo(ReasonCode.RETAIN_NOT_SUPPORTED);
            assertThat(raw.receive(CLOSE_TIMEOUT)).isNull();
        }
    }

    /** mqtt.max_qos_allowed = 1, mqtt.retain_available = false. */
    private static MqttSettings restricted() {
        MqttSettings d = MqttSettings.defaults();
        return new MqttSettings(d.maxPacketSize(), d.maxClientIdLen(), d.maxTopicLevels(), d.maxTopicAlias(), 1,
                d.maxInflight(), d.maxMqueueLen(), d.mqueueStoreQos0(), d.maxAwaitingRel(), d.maxSubscriptions(),
                d.sessionExpiryInterval(), d.maxKeepalive(), d.keepaliveMultiplier(), d.idleTimeout(), false,
                d.wildcardSubscription(), d.sharedSubscription(), d.serverKeepalive());
    }

    // ---- unsupported authentication method ----

    @Test
    void unsupportedAuthenticationMethod_getsConnAck0x8CThenClose() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            raw.send(new ConnectPacket(MqttVersion.MQTT_5, "rej-auth", true, 60, null, null, null,
                    MqttProperties.builder().authenticationMethod("GS2-KRB5").build()));
            ConnAckPacket ack = (ConnAckPacket) raw.receive();
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.BAD_AUTHENTICATION_METHOD);
            assertThat(ack.sessionPresent()).isFalse();
            assertThat(raw.receive(CLOSE_TIMEOUT)).isNull();
        }
    }

    @Test
    void unsupportedAuthenticationMethod_paho5_failsWith0x8C() throws Exception {
        MqttClient client = new MqttClient(broker.tcpUri(), "rej-auth-paho", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAuthMethod("GS2-KRB5");
        try {
            assertThatThrownBy(() -> client.connect(options)).isInstanceOfSatisfying(MqttException.class,
                    e -> assertThat(e.getReasonCode()).isEqualTo(ReasonCode.BAD_AUTHENTICATION_METHOD.value()));
            assertThat(client.isConnected()).isFalse();
        } finally {
            client.close(true);
        }
    }
}
