package io.berth.it.malformed;

import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.berth.it.malformed.RawClients.assertConnectRefused;
import static io.berth.it.malformed.RawClients.assertDisconnected;
import static io.berth.it.malformed.RawClients.connected;

/**
 * Reserved bits that are not as the spec fixes them. MQTT-2.2.2-1/-2 (3.1.1) and spec 2.1.3 (5.0): invalid
 * fixed-header flags are a Malformed Packet and close the connection; MQTT-3.1.2-3: the CONNECT reserved flag.
 */
class ReservedFlagsIT {

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

    /** Packets valid in every other way, in both versions' encodings. */
    static Stream<Arguments> badFlags() {
        return Stream.of(MqttVersion.MQTT_3_1_1, MqttVersion.MQTT_5).flatMap(v -> Stream.of(
                // MQTT-3.8.1-1: SUBSCRIBE flags must be 0010
                Arguments.of(v, "SUBSCRIBE 0x80", subscribe(v, 0x80)),
                Arguments.of(v, "SUBSCRIBE 0x83", subscribe(v, 0x83)),
                Arguments.of(v, "SUBSCRIBE 0x8A", subscribe(v, 0x8A)),
                // MQTT-3.10.1-1: UNSUBSCRIBE flags must be 0010
                Arguments.of(v, "UNSUBSCRIBE 0xA0", unsubscribe(v, 0xA0)),
                // MQTT-3.6.1-1: PUBREL flags must be 0010
                Arguments.of(v, "PUBREL 0x60", WireBytes.body().u16(1).frame(0x60)),
                Arguments.of(v, "PUBREL 0x6A", WireBytes.body().u16(1).frame(0x6A)),
                // MQTT-2.2.2-1: PINGREQ, PUBACK, DISCONNECT flags must be 0000
                Arguments.of(v, "PINGREQ 0xC1", WireBytes.bytes(0xC1, 0x00)),
                Arguments.of(v, "PINGREQ 0xC8", WireBytes.bytes(0xC8, 0x00)),
                Arguments.of(v, "PUBACK 0x42", WireBytes.body().u16(1).frame(0x42)),
                Arguments.of(v, "DISCONNECT 0xE2", WireBytes.bytes(0xE2, 0x00))));
    }

    private static byte[] subscribe(MqttVersion v, int firstByte) {
        WireBytes body = WireBytes.body().u16(1);
        if (v.isV5()) {
            body.u8(0x00);
        }
        return body.str("flags/test").u8(0x01).frame(firstByte);
    }

    private static byte[] unsubscribe(MqttVersion v, int firstByte) {
        WireBytes body = WireBytes.body().u16(1);
        if (v.isV5()) {
            body.u8(0x00);
        }
        return body.str("flags/test").frame(firstByte);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badFlags")
    void fixedHeader_reservedFlagsWrong_isMalformed_MQTT_2_2_2_2(MqttVersion version, String what, byte[] packet)
            throws Exception {
        try (RawMqttClient bad = connected(broker, version)) {
            bad.sendBytes(packet);
            assertDisconnected(bad, ReasonCode.MALFORMED_PACKET);
        }
        bystander.assertStillServed();
    }

    // MQTT-3.1.2-3: the Server MUST validate that the CONNECT reserved flag is 0 and disconnect if it is not
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void connect_reservedFlagSet_isRefused_MQTT_3_1_2_3(MqttVersion version) throws Exception {
        try (RawMqttClient bad = RawMqttClient.connect(broker, version)) {
            bad.sendBytes(connect(version, 0x10, 0x03)); // Clean Start plus the reserved bit 0
            assertConnectRefused(bad);
        }
        bystander.assertStillServed();
    }

    // MQTT-2.2.2-2 / spec 2.1.3: CONNECT's fixed-header flags must be 0000
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void connect_fixedHeaderFlagsSet_isRefused_MQTT_2_2_2_2(MqttVersion version) throws Exception {
        try (RawMqttClient bad = RawMqttClient.connect(broker, version)) {
            bad.sendBytes(connect(version, 0x12, 0x02));
            assertConnectRefused(bad);
        }
        bystander.assertStillServed();
    }

    static byte[] connect(MqttVersion version, int firstByte, int connectFlags) {
        WireBytes body = WireBytes.body().str(version.protocolName()).u8(version.level()).u8(connectFlags).u16(60);
        if (version.isV5()) {
            body.u8(0x00);
        }
        return body.str("flags-" + version.level()).frame(firstByte);
    }
}
