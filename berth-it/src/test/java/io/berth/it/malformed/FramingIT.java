package io.berth.it.malformed;

import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.codec.PubAckPacket;
import io.berth.codec.ReasonCode;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

import static io.berth.it.malformed.RawClients.assertClosedSilently;
import static io.berth.it.malformed.RawClients.assertConnectRefused;
import static io.berth.it.malformed.RawClients.assertDisconnected;
import static io.berth.it.malformed.RawClients.connected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bytes that do not frame as MQTT: garbage instead of CONNECT, an over-long Remaining Length, packets above
 * {@code max_packet_size}. Each closes only the offending connection; a bystander keeps being served.
 */
class FramingIT {

    static final int MAX_PACKET_SIZE = 1024;

    static EmbeddedBroker broker;
    static Bystander bystander;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.withMqtt(TestSettings.with(MAX_PACKET_SIZE, Duration.ofSeconds(3)));
        bystander = Bystander.connect(broker);
    }

    @AfterAll
    static void stop() {
        bystander.close();
        broker.close();
    }

    static Stream<Arguments> garbage() {
        return Stream.of(
                Arguments.of("an HTTP request", "GET / HTTP/1.1\r\nHost: broker\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("a TLS ClientHello", WireBytes.bytes(0x16, 0x03, 0x01, 0x00, 0xA5, 0x01, 0x00, 0x00)),
                Arguments.of("reserved packet type 0", WireBytes.bytes(0x00, 0x00, 0x00, 0x00)),
                Arguments.of("0xFF bytes", WireBytes.bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)),
                Arguments.of("a PINGREQ", WireBytes.bytes(0xC0, 0x00)));
    }

    // MQTT-3.1.0-1: the first packet from the client MUST be CONNECT
    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void firstPacket_notConnect_closesOnlyThatConnection_MQTT_3_1_0_1(String what, byte[] bytes) throws Exception {
        try (RawMqttClient bad = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            bad.sendBytes(bytes);
            assertClosedSilently(bad);
        }
        bystander.assertStillServed();
    }

    // MQTT-1.5.5-1 / spec 2.1.4: Remaining Length is a Variable Byte Integer of at most 4 bytes
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void remainingLength_fiveBytes_isMalformed(MqttVersion version) throws Exception {
        try (RawMqttClient bad = connected(broker, version)) {
            bad.sendBytes(0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x00);
            assertDisconnected(bad, ReasonCode.MALFORMED_PACKET);
        }
        bystander.assertStillServed();
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void remainingLength_fiveBytes_inConnect_isRefused(MqttVersion version) throws Exception {
        try (RawMqttClient bad = RawMqttClient.connect(broker, version)) {
            bad.sendBytes(0x10, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00);
            assertConnectRefused(bad);
        }
        bystander.assertStillServed();
    }

    // MQTT-3.2.2-15: the client MUST NOT send packets over the server's Maximum Packet Size; the server
    // disconnects with 0x95 Packet too large (spec 3.2.2.3.6, 4.13). Judged from the fixed header alone: the
    // client sends only the start of the body, so the close is a clean FIN after the DISCONNECT.
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void packet_overMaxPacketSize_isDisconnectedWithPacketTooLarge_MQTT_3_2_2_15(MqttVersion version)
            throws Exception {
        try (RawMqttClient bad = connected(broker, version)) {
            bad.sendBytes(WireBytes.body().u8(0x30).varInt(MAX_PACKET_SIZE).str("big").toBytes());
            assertDisconnected(bad, ReasonCode.PACKET_TOO_LARGE);
        }
        bystander.assertStillServed();
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void packet_ofExactlyMaxPacketSize_isAccepted(MqttVersion version) throws Exception {
        try (RawMqttClient good = connected(broker, version)) {
            byte[] header = WireBytes.body().str("exact/size").u16(7).toBytes();
            int propertyLength = version.isV5() ? 1 : 0;
            int remaining = MAX_PACKET_SIZE - 1 - 2; // first byte and a 2-byte Remaining Length
            WireBytes body = WireBytes.body().raw(header);
            if (version.isV5()) {
                body.u8(0x00); // no properties
            }
            body.raw(new byte[remaining - header.length - propertyLength]);
            byte[] packet = body.frame(0x32);
            assertThat(packet).hasSize(MAX_PACKET_SIZE);

            good.sendBytes(packet);
            MqttPacket ack = good.receive(RawClients.WAIT);
            assertThat(ack).isInstanceOfSatisfying(PubAckPacket.class, a -> assertThat(a.packetId()).isEqualTo(7));
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void connect_overMaxPacketSize_isRefused(MqttVersion version) throws Exception {
        try (RawMqttClient bad = RawMqttClient.connect(broker, version)) {
            bad.sendBytes(WireBytes.body().u8(0x10).varInt(MAX_PACKET_SIZE * 4).str("MQTT").toBytes());
            assertConnectRefused(bad);
        }
        bystander.assertStillServed();
    }
}
