package io.berth.it.malformed;

import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.berth.it.malformed.RawClients.assertConnectRefused;
import static io.berth.it.malformed.RawClients.assertDisconnected;
import static io.berth.it.malformed.RawClients.connected;
import static io.berth.it.malformed.WireBytes.bytes;

/**
 * Strings that are not well-formed UTF-8, or that hold U+0000, in a Topic Name, a Topic Filter and a Client
 * Identifier. MQTT 5: MQTT-1.5.4-1 (ill-formed, surrogates) and MQTT-1.5.4-2 (U+0000) make the packet malformed,
 * DISCONNECT 0x81; MQTT 3.1.1: MQTT-1.5.3-1 and MQTT-1.5.3-2, close the connection.
 */
class InvalidUtf8IT {

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

    static final List<Arguments> BAD_STRINGS = List.of(
            Arguments.of("overlong NUL C0 80", bytes('a', 0xC0, 0x80, 'b')),
            Arguments.of("overlong '/' E0 80 AF", bytes('a', 0xE0, 0x80, 0xAF)),
            Arguments.of("lone high surrogate ED A0 80", bytes('a', 0xED, 0xA0, 0x80)),
            Arguments.of("lone low surrogate ED B0 80", bytes('a', 0xED, 0xB0, 0x80)),
            Arguments.of("U+0000", bytes('a', 0x00, 'b')),
            Arguments.of("stray continuation byte 80", bytes('a', 0x80)),
            Arguments.of("truncated sequence E2 82", bytes('a', 0xE2, 0x82)),
            Arguments.of("byte FF", bytes('a', 0xFF)),
            Arguments.of("above U+10FFFF F4 90 80 80", bytes(0xF4, 0x90, 0x80, 0x80)));

    static Stream<Arguments> badStringsInBothVersions() {
        return Stream.of(MqttVersion.MQTT_3_1_1, MqttVersion.MQTT_5).flatMap(v -> BAD_STRINGS.stream()
                .map(a -> Arguments.of(v, a.get()[0], a.get()[1])));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badStringsInBothVersions")
    void publish_topicNotValidUtf8_isMalformed_MQTT_1_5_4_1(MqttVersion version, String what, byte[] topic)
            throws Exception {
        try (RawMqttClient bad = connected(broker, version)) {
            bad.sendBytes(WireBytes.publish(version, 0x32, topic, 1));
            assertDisconnected(bad, ReasonCode.MALFORMED_PACKET);
        }
        bystander.assertStillServed();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badStringsInBothVersions")
    void subscribe_filterNotValidUtf8_isMalformed_MQTT_1_5_4_1(MqttVersion version, String what, byte[] filter)
            throws Exception {
        try (RawMqttClient bad = connected(broker, version)) {
            WireBytes body = WireBytes.body().u16(1);
            if (version.isV5()) {
                body.u8(0x00);
            }
            bad.sendBytes(body.lengthPrefixed(filter).u8(0x01).frame(0x82));
            assertDisconnected(bad, ReasonCode.MALFORMED_PACKET);
        }
        bystander.assertStillServed();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badStringsInBothVersions")
    void connect_clientIdNotValidUtf8_isRefused_MQTT_1_5_4_1(MqttVersion version, String what, byte[] clientId)
            throws Exception {
        try (RawMqttClient bad = RawMqttClient.connect(broker, version)) {
            WireBytes body = WireBytes.body().str("MQTT").u8(version.level()).u8(0x02).u16(60);
            if (version.isV5()) {
                body.u8(0x00);
            }
            bad.sendBytes(body.lengthPrefixed(clientId).frame(0x10));
            assertConnectRefused(bad);
        }
        bystander.assertStillServed();
    }
}
