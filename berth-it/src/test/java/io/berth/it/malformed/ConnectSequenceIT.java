package io.berth.it.malformed;

import io.berth.codec.ConnectPacket;
import io.berth.codec.MqttProperties;
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

import static io.berth.it.malformed.RawClients.assertClosedSilently;
import static io.berth.it.malformed.RawClients.assertDisconnected;
import static io.berth.it.malformed.RawClients.connected;
import static io.berth.it.malformed.WireBytes.utf8;

/** Packets out of order around CONNECT. */
class ConnectSequenceIT {

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

    // MQTT-3.1.0-2: a second CONNECT is a Protocol Error and closes the connection
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void connect_second_isProtocolError_MQTT_3_1_0_2(MqttVersion version) throws Exception {
        try (RawMqttClient bad = connected(broker, version)) {
            bad.send(new ConnectPacket(version, "second-connect", true, 60, null, null, null,
                    MqttProperties.EMPTY));
            assertDisconnected(bad, ReasonCode.PROTOCOL_ERROR);
        }
        bystander.assertStillServed();
    }

    static Stream<Arguments> packetsBeforeConnect() {
        return Stream.of(MqttVersion.MQTT_3_1_1, MqttVersion.MQTT_5).flatMap(v -> Stream.of(
                Arguments.of(v, "PUBLISH QoS 0", WireBytes.publish(v, 0x30, utf8("early"), -1)),
                Arguments.of(v, "PUBLISH QoS 1", WireBytes.publish(v, 0x32, utf8("early"), 1)),
                Arguments.of(v, "SUBSCRIBE", v.isV5()
                        ? WireBytes.body().u16(1).u8(0).str("#").u8(1).frame(0x82)
                        : WireBytes.body().u16(1).str("#").u8(1).frame(0x82)),
                Arguments.of(v, "DISCONNECT", WireBytes.bytes(0xE0, 0x00))));
    }

    // MQTT-3.1.0-1: the first packet MUST be CONNECT; the server closes without answering
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("packetsBeforeConnect")
    void packet_beforeConnect_closesWithoutReply_MQTT_3_1_0_1(MqttVersion version, String what, byte[] packet)
            throws Exception {
        try (RawMqttClient bad = RawMqttClient.connect(broker, version)) {
            bad.sendBytes(packet);
            assertClosedSilently(bad);
        }
        bystander.assertStillServed();
    }
}
