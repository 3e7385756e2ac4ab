package io.berth.it.connect;

import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
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

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Client Identifier rules (spec 3.1.3.1): empty identifiers, assigned identifiers, length limits. */
class ClientIdentifierIT {

    static final int MAX_CLIENT_ID_LEN = 23; // the smallest mqtt.max_clientid_len the config accepts
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** A broker with mqtt.max_clientid_len = 23. */
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        MqttSettings d = MqttSettings.defaults();
        broker = EmbeddedBroker.withMqtt(new MqttSettings(d.maxPacketSize(), MAX_CLIENT_ID_LEN,
                d.maxTopicLevels(), d.maxTopicAlias(), d.maxQosAllowed(), d.maxInflight(), d.maxMqueueLen(),
                d.mqueueStoreQos0(), d.maxAwaitingRel(), d.maxSubscriptions(), d.sessionExpiryInterval(),
                d.maxKeepalive(), d.keepaliveMultiplier(), d.idleTimeout(), d.retainAvailable(),
                d.wildcardSubscription(), d.sharedSubscription(), d.serverKeepalive()));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    // ---- empty client identifier ----

    @Test
    void emptyClientId_v311_cleanSession0_isRejectedWith0x02ThenClosed_MQTT_3_1_3_8() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            // CONNECT "MQTT" level 4, Clean Session 0, keepalive 60, zero-length client id
            raw.sendBytes(0x10, 0x0C, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x00, 0x00, 0x3C, 0x00, 0x00);
            // the v3.1.1 decoder maps return code 0x02 (identifier rejected) to CLIENT_IDENTIFIER_NOT_VALID
            assertThat(raw.receive()).isEqualTo(new ConnAckPacket(false, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    MqttProperties.EMPTY));
            assertThat(raw.awaitClosed(CLOSE_TIMEOUT)).isTrue();
        }
    }

    @Test
    void emptyClientId_v311_cleanSession1_isAccepted_MQTT_3_1_3_6() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            raw.sendBytes(0x10, 0x0C, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C, 0x00, 0x00);
            assertThat(raw.receive()).isEqualTo(new ConnAckPacket(false, ReasonCode.SUCCESS, MqttProperties.EMPTY));
        }
    }

    @Test
    void emptyClientId_hiveMq3_cleanSession1_isAccepted() throws Exception {
        Mqtt3BlockingClient client = Mqtt3Client.builder().serverHost(broker.host()).serverPort(broker.port())
                .buildBlocking();
        assertThat(client.connectWith().cleanSession(true).send().getReturnCode())
                .isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
        client.disconnect();
    }

    @Test
    void emptyClientId_mqtt31_isRejectedWith0x02() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1)) {
            // MQTT 3.1 requires 1 to 23 characters
            raw.sendBytes(0x10, 0x0E, 0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x03, 0x02, 0x00, 0x3C, 0x00, 0x00);
            assertThat(raw.receive()).isEqualTo(new ConnAckPacket(false, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    MqttProperties.EMPTY));
            assertThat(raw.awaitClosed(CLOSE_TIMEOUT)).isTrue();
        }
    }

    @Test
    void emptyClientId_v5_isAcceptedWithAssignedClientIdentifier_MQTT_3_1_3_6_MQTT_3_2_2_16() throws Exception {
        Mqtt5BlockingClient client = Mqtt5Client.builder().serverHost(broker.host()).serverPort(broker.port())
                .buildBlocking();
        Mqtt5ConnAck ack = client.connect();
        try {
            assertThat(ack.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(ack.getAssignedClientIdentifier()).isPresent();
            String assigned = ack.getAssignedClientIdentifier().orElseThrow().toString();
            // assigned by the server: not subject to max_clientid_len, which limits what clients send
            assertThat(assigned).isNotEmpty();
            assertThat(client.getConfig().getClientIdentifier()).hasValueSatisfying(
                    id -> assertThat(id.toString()).isEqualTo(assigned));
        } finally {
            client.disconnect();
        }
    }

    @Test
    void emptyClientId_v5_cleanStart0_isAcceptedAndEachConnectionGetsItsOwnIdentifier() throws Exception {
        String first = connectWithEmptyIdAndGetAssigned();
        String second = connectWithEmptyIdAndGetAssigned();
        assertThat(first).isNotEqualTo(second);
    }

    private static String connectWithEmptyIdAndGetAssigned() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            raw.send(new ConnectPacket(MqttVersion.MQTT_5, "", false, 60, null, null, null,
                    MqttProperties.builder().sessionExpiryInterval(0L).build()));
            ConnAckPacket ack = (ConnAckPacket) raw.receive();
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(ack.sessionPresent()).isFalse();
            assertThat(ack.properties().assignedClientIdentifier()).isNotEmpty();
            return ack.properties().assignedClientIdentifier();
        }
    }

    // ---- longer than mqtt.max_clientid_len ----

    @Test
    void clientIdLongerThanMax_v5_isRejectedWith0x85ThenClosed() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            raw.send(new ConnectPacket(MqttVersion.MQTT_5, "x".repeat(MAX_CLIENT_ID_LEN + 1), true, 60, null, null,
                    null, MqttProperties.EMPTY));
            ConnAckPacket ack = (ConnAckPacket) raw.receive();
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
            assertThat(ack.sessionPresent()).isFalse(); // MQTT-3.2.2-6
            assertThat(raw.awaitClosed(CLOSE_TIMEOUT)).isTrue();
        }
    }

    @Test
    void clientIdLongerThanMax_hiveMq5_failsWithClientIdentifierNotValid() throws Exception {
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("y".repeat(MAX_CLIENT_ID_LEN + 1))
                .serverHost(broker.host()).serverPort(broker.port()).buildBlocking();
        assertThatThrownBy(client::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, e ->
                assertThat(e.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID));
    }

    @Test
    void clientIdLongerThanMax_v311_isRejectedWith0x02ThenClosed_MQTT_3_1_3_9() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            raw.send(new ConnectPacket(MqttVersion.MQTT_3_1_1, "z".repeat(MAX_CLIENT_ID_LEN + 1), true, 60, null,
                    null, null, MqttProperties.EMPTY));
            assertThat(raw.receive()).isEqualTo(new ConnAckPacket(false, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    MqttProperties.EMPTY));
            assertThat(raw.awaitClosed(CLOSE_TIMEOUT)).isTrue();
        }
    }

    @Test
    void clientIdLongerThanMax_hiveMq3_failsWithIdentifierRejected() throws Exception {
        Mqtt3BlockingClient client = Mqtt3Client.builder().identifier("w".repeat(MAX_CLIENT_ID_LEN + 1))
                .serverHost(broker.host()).serverPort(broker.port()).buildBlocking();
        assertThatThrownBy(client::connect).isInstanceOfSatisfying(Mqtt3ConnAckException.class, e ->
                assertThat(e.getMqttMessage().getReturnCode())
                        .isEqualTo(Mqtt3ConnAckReturnCode.IDENTIFIER_REJECTED));
    }

    @Test
    void clientIdOfExactlyMaxLength_isAccepted() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            raw.send(new ConnectPacket(MqttVersion.MQTT_5, "m".repeat(MAX_CLIENT_ID_LEN), true, 60, null, null,
                    null, MqttProperties.EMPTY));
            assertThat(((ConnAckPacket) raw.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        }
    }

    @Test
    void clientIdLongerThan23_mqtt31_isRejectedWith0x02() throws Exception {
        // 3.1 allows at most 23 characters, whatever max_clientid_len says; use a broker with the default limit
        try (EmbeddedBroker defaults = EmbeddedBroker.start();
             RawMqttClient raw = RawMqttClient.connect(defaults, MqttVersion.MQTT_3_1)) {
            raw.send(new ConnectPacket(MqttVersion.MQTT_3_1, "a".repeat(24), true, 60, null, null, null,
                    MqttProperties.EMPTY));
            assertThat(raw.receive()).isEqualTo(new ConnAckPacket(false, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    MqttProperties.EMPTY));
            assertThat(raw.awaitClosed(CLOSE_TIMEOUT)).isTrue();
        }
    }
}
