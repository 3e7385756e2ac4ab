package io.berth.it.malformed;

import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.berth.it.malformed.RawClients.assertDisconnected;
import static io.berth.it.malformed.RawClients.connected;
import static io.berth.it.malformed.WireBytes.utf8;

/** PUBLISH packets that break the spec after a successful CONNECT. */
class PublishViolationsIT {

    static EmbeddedBroker broker;
    static Bystander bystander;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start();
        bystander = Bystander.connect(broker);
    }

    @AfterAll
    static void stop() {
        bystander.close();
        broker.close();
    }

    static Stream<Arguments> wildcardTopics() {
        return Stream.of(MqttVersion.MQTT_3_1_1, MqttVersion.MQTT_5)
                .flatMap(v -> Stream.of("a/+", "a/#", "#", "+", "a/b+", "a#").map(t -> Arguments.of(v, t)));
    }

    // MQTT-3.3.2-2: no wildcard in a Topic Name. Such a name is not "correctly formed" (the condition for 0x90
    // Topic Name invalid), so the packet does not conform to the spec: 0x81 Malformed Packet.
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wildcardTopics")
    void publish_wildcardInTopicName_isMalformed_MQTT_3_3_2_2(MqttVersion version, String topic) throws Exception {
        try (RawMqttClient bad = connected(broker, version)) {
            bad.sendBytes(WireBytes.publish(version, 0x30, utf8(topic), -1));
            assertDisconnected(bad, ReasonCode.MALFORMED_PACKET);
        }
        bystander.assertStillServed();
    }

    // MQTT-2.3.1-1: PUBLISH with QoS > 0 MUST carry a non-zero Packet Identifier
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void publish_qos1WithPacketIdZero_isMalformed_MQTT_2_3_1_1(MqttVersion version) throws Exception {
        try (RawMqttClient bad = connected(broker, version)) {
            bad.sendBytes(WireBytes.publish(version, 0x32, utf8("pid/zero"), 0));
            assertDisconnected(bad, ReasonCode.MALFORMED_PACKET);
        }
        bystander.assertStillServed();
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void publish_qos2WithPacketIdZero_isMalformed_MQTT_2_3_1_1(MqttVersion version) throws Exception {
        try (RawMqttClient bad = connected(broker, version)) {
            bad.sendBytes(WireBytes.publish(version, 0x34, utf8("pid/zero"), 0));
            assertDisconnected(bad, ReasonCode.MALFORMED_PACKET);
        }
        bystander.assertStillServed();
    }

    // MQTT-3.3.1-4: a PUBLISH MUST NOT have both QoS bits set; it is a Malformed Packet
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void publish_qos3_isMalformed_MQTT_3_3_1_4(MqttVersion version) throws Exception {
        try (RawMqttClient bad = connected(broker, version)) {
            bad.sendBytes(WireBytes.publish(version, 0x36, utf8("qos/three"), 1));
            assertDisconnected(bad, ReasonCode.MALFORMED_PACKET);
        }
        bystander.assertStillServed();
    }

    // MQTT-3.3.1-2: DUP MUST be 0 for QoS 0
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void publish_qos0WithDup_isMalformed_MQTT_3_3_1_2(MqttVersion version) throws Exception {
        try (RawMqttClient bad = connected(broker, version)) {
            bad.sendBytes(WireBytes.publish(version, 0x38, utf8("dup/qos0"), -1));
            assertDisconnected(bad, ReasonCode.MALFORMED_PACKET);
        }
        bystander.assertStillServed();
    }

    // MQTT-4.7.3-1 (3.1.1): Topic Names are at least one character long
    @Test
    void publish_emptyTopic_mqtt311_isClosed_MQTT_4_7_3_1() throws Exception {
        try (RawMqttClient bad = connected(broker, MqttVersion.MQTT_3_1_1)) {
            bad.sendBytes(WireBytes.publish(MqttVersion.MQTT_3_1_1, 0x30, new byte[0], -1));
            RawClients.assertClosedSilently(bad);
        }
        bystander.assertStillServed();
    }

    // MQTT 5 spec 3.3.2.1: a zero-length Topic Name without a Topic Alias is a Protocol Error
    @Test
    void publish_emptyTopicWithoutAlias_mqtt5_isProtocolError() throws Exception {
        try (RawMqttClient bad = connected(broker, MqttVersion.MQTT_5)) {
            bad.sendBytes(WireBytes.publish(MqttVersion.MQTT_5, 0x30, new byte[0], -1));
            assertDisconnected(bad, ReasonCode.PROTOCOL_ERROR);
        }
        bystander.assertStillServed();
    }
}
