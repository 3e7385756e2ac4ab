package io.berth.it.malformed;

import io.berth.codec.MqttVersion;
import io.berth.codec.PubAckPacket;
import io.berth.codec.ReasonCode;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.berth.it.malformed.RawClients.assertConnectRefused;
import static io.berth.it.malformed.RawClients.assertDisconnected;
import static io.berth.it.malformed.RawClients.connected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MQTT 5 properties that break spec 2.2.2.2: the same property twice is a Protocol Error (0x82); an identifier
 * not valid for the packet type, or a value of the wrong shape, is a Malformed Packet (0x81).
 */
class PropertyViolationsIT {

    static final MqttVersion V5 = MqttVersion.MQTT_5;

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

    /** A QoS 1 PUBLISH (packet identifier 9) with exactly these property bytes. */
    static byte[] publishWith(WireBytes properties) {
        return WireBytes.body().str("props/test").u16(9).properties(properties).u8('x').frame(0x32);
    }

    static WireBytes props() {
        return WireBytes.body();
    }

    static Stream<Arguments> badPublishProperties() {
        return Stream.of(
                Arguments.of("Content Type twice", ReasonCode.PROTOCOL_ERROR,
                        props().u8(0x03).str("text/plain").u8(0x03).str("text/html")),
                Arguments.of("Message Expiry Interval twice", ReasonCode.PROTOCOL_ERROR,
                        props().u8(0x02).u16(0).u16(60).u8(0x02).u16(0).u16(30)),
                Arguments.of("Payload Format Indicator twice", ReasonCode.PROTOCOL_ERROR,
                        props().u8(0x01, 0x01).u8(0x01, 0x00)),
                Arguments.of("Response Topic twice", ReasonCode.PROTOCOL_ERROR,
                        props().u8(0x08).str("r/1").u8(0x08).str("r/2")),
                Arguments.of("Session Expiry Interval (a CONNECT property)", ReasonCode.MALFORMED_PACKET,
                        props().u8(0x11).u16(0).u16(10)),
                Arguments.of("Receive Maximum (a CONNECT property)", ReasonCode.MALFORMED_PACKET,
                        props().u8(0x21).u16(10)),
                Arguments.of("unknown identifier 0x7F", ReasonCode.MALFORMED_PACKET,
                        props().u8(0x7F, 0x00)),
                Arguments.of("Content Type cut short", ReasonCode.MALFORMED_PACKET,
                        props().u8(0x03).u16(40).u8('a')));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPublishProperties")
    void publish_badProperties_disconnectWithTheReasonSpec_2_2_2_2(String what, ReasonCode reason,
                                                                   WireBytes properties) throws Exception {
        try (RawMqttClient bad = connected(broker, V5)) {
            bad.sendBytes(publishWith(properties));
            assertDisconnected(bad, reason);
        }
        bystander.assertStillServed();
    }

    // MQTT-3.3.4-6: a PUBLISH from a Client MUST NOT contain a Subscription Identifier
    @Test
    void publish_fromClientWithSubscriptionIdentifier_isProtocolError_MQTT_3_3_4_6() throws Exception {
        try (RawMqttClient bad = connected(broker, V5)) {
            bad.sendBytes(publishWith(props().u8(0x0B, 0x05)));
            assertDisconnected(bad, ReasonCode.PROTOCOL_ERROR);
        }
        bystander.assertStillServed();
    }

    @Test
    void subscribe_subscriptionIdentifierTwice_isProtocolError() throws Exception {
        try (RawMqttClient bad = connected(broker, V5)) {
            bad.sendBytes(WireBytes.body().u16(3).properties(props().u8(0x0B, 0x01).u8(0x0B, 0x02))
                    .str("props/#").u8(0x01).frame(0x82));
            assertDisconnected(bad, ReasonCode.PROTOCOL_ERROR);
        }
        bystander.assertStillServed();
    }

    @Test
    void connect_sessionExpiryIntervalTwice_isRefused() throws Exception {
        try (RawMqttClient bad = RawMqttClient.connect(broker, V5)) {
            bad.sendBytes(WireBytes.body().str("MQTT").u8(5).u8(0x02).u16(60)
                    .properties(props().u8(0x11).u16(0).u16(10).u8(0x11).u16(0).u16(20))
                    .str("dup-session-expiry").frame(0x10));
            assertConnectRefused(bad);
        }
        bystander.assertStillServed();
    }

    // Positive control: User Property may appear any number of times (spec 3.3.2.3.7), and the packet builder
    // above makes PUBLISH packets the broker accepts.
    @Test
    void publish_userPropertyRepeated_isAccepted() throws Exception {
        try (RawMqttClient good = connected(broker, V5)) {
            good.sendBytes(publishWith(props().u8(0x26).str("k").str("1").u8(0x26).str("k").str("2")
                    .u8(0x03).str("text/plain")));
            assertThat(good.receive(RawClients.WAIT)).isInstanceOfSatisfying(PubAckPacket.class,
                    a -> assertThat(a.packetId()).isEqualTo(9));
        }
    }
}
