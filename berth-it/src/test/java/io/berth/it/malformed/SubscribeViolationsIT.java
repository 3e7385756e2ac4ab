package io.berth.it.malformed;

import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.codec.SubAckPacket;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.berth.it.malformed.RawClients.assertDisconnected;
import static io.berth.it.malformed.RawClients.connected;
import static org.assertj.core.api.Assertions.assertThat;

/** SUBSCRIBE and UNSUBSCRIBE packets with missing or ill-formed Topic Filters. */
class SubscribeViolationsIT {

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

    /** A SUBSCRIBE with packet identifier 1 and the given payload bytes (filter/options pairs). */
    static byte[] subscribe(MqttVersion v, WireBytes payload) {
        WireBytes body = WireBytes.body().u16(1);
        if (v.isV5()) {
            body.u8(0x00);
        }
        return body.raw(payload.toBytes()).frame(0x82);
    }

    // MQTT-3.8.3-3: at least one Topic Filter; a SUBSCRIBE with no payload is a Protocol Error
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void subscribe_withoutTopicFilter_isProtocolError_MQTT_3_8_3_3(MqttVersion version) throws Exception {
        try (RawMqttClient bad = connected(broker, version)) {
            bad.sendBytes(subscribe(version, WireBytes.body()));
            assertDisconnected(bad, ReasonCode.PROTOCOL_ERROR);
        }
        bystander.assertStillServed();
    }

    // MQTT-3.10.3-2: the same for UNSUBSCRIBE
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void unsubscribe_withoutTopicFilter_isProtocolError_MQTT_3_10_3_2(MqttVersion version) throws Exception {
        try (RawMqttClient bad = connected(broker, version)) {
            WireBytes body = WireBytes.body().u16(1);
            if (version.isV5()) {
                body.u8(0x00);
            }
            bad.sendBytes(body.frame(0xA2));
            assertDisconnected(bad, ReasonCode.PROTOCOL_ERROR);
        }
        bystander.assertStillServed();
    }

    static Stream<Arguments> badFilters() {
        return Stream.of(MqttVersion.MQTT_3_1_1, MqttVersion.MQTT_5).flatMap(v -> Stream.of(
                // MQTT-4.7.3-1: at least one character
                Arguments.of(v, ""),
                // MQTT-4.7.1-1 (5.0) / MQTT-4.7.1-2 (3.1.1): '#' alone in the last level
                Arguments.of(v, "a/#/b"),
                Arguments.of(v, "#/a"),
                Arguments.of(v, "a#"),
                Arguments.of(v, "a/b#"),
                // MQTT-4.7.1-2 (5.0) / MQTT-4.7.1-3 (3.1.1): '+' occupies a whole level
                Arguments.of(v, "a+/b"),
                Arguments.of(v, "a/+b"),
                // MQTT-4.8.2-1, -2: a share name that is empty or holds a wildcard
                Arguments.of(v, "$share//a"),
                Arguments.of(v, "$share/g+/a")));
    }

    @ParameterizedTest(name = "{0} ''{1}''")
    @MethodSource("badFilters")
    void subscribe_illFormedTopicFilter_isMalformed_MQTT_4_7_1_1(MqttVersion version, String filter)
            throws Exception {
        try (RawMqttClient bad = connected(broker, version)) {
            bad.sendBytes(subscribe(version, WireBytes.body().str(filter).u8(0x01)));
            assertDisconnected(bad, ReasonCode.MALFORMED_PACKET);
        }
        bystander.assertStillServed();
    }

    @ParameterizedTest(name = "{0} ''{1}''")
    @MethodSource("badFilters")
    void unsubscribe_illFormedTopicFilter_isMalformed_MQTT_4_7_1_1(MqttVersion version, String filter)
            throws Exception {
        try (RawMqttClient bad = connected(broker, version)) {
            WireBytes body = WireBytes.body().u16(1);
            if (version.isV5()) {
                body.u8(0x00);
            }
            bad.sendBytes(body.str(filter).frame(0xA2));
            assertDisconnected(bad, ReasonCode.MALFORMED_PACKET);
        }
        bystander.assertStillServed();
    }

    // Positive control: the same packets with well-formed filters are granted, so the refusals above are about
    // the filters themselves.
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void subscribe_wellFormedFilters_areGranted(MqttVersion version) throws Exception {
        try (RawMqttClient good = connected(broker, version)) {
            good.sendBytes(subscribe(version, WireBytes.body()
                    .str("#").u8(0x01).str("a/+/b").u8(0x01).str("+").u8(0x00).str("a/#").u8(0x00)
                    .str("$share/g/a/+").u8(0x01)));
            assertThat(good.receive(RawClients.WAIT)).isInstanceOfSatisfying(SubAckPacket.class,
                    s -> assertThat(s.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1,
                            ReasonCode.GRANTED_QOS_1, ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_0,
                            ReasonCode.GRANTED_QOS_1));
        }
    }
}
