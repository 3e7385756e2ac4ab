package io.berth.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.berth.codec.Bytes.body;
import static io.berth.codec.CodecTestSupport.assertDecodes;
import static io.berth.codec.CodecTestSupport.assertFails;
import static io.berth.codec.MqttVersion.MQTT_5;
import static org.assertj.core.api.Assertions.assertThat;

/** MQTT 5 property blocks (spec 2.2.2), carried in CONNACK (most properties) and PUBLISH. */
class PropertiesDecodeTest {

    private static byte[] connAck(Bytes properties) {
        return body().u8(0, 0).props(properties).frame(0x20);
    }

    private static byte[] publish(Bytes properties) {
        return body().str("t").props(properties).frame(0x30);
    }

    private static MqttProperties decodeConnAckProps(Bytes properties) {
        return ((ConnAckPacket) assertDecodes(MQTT_5, connAck(properties))).properties();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x04, 0x0A, 0x2B, 0x7F})
    void unknownPropertyIdentifier_isMalformed(int id) {
        assertFails(MQTT_5, connAck(body().u8(id, 0)), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void propertyIdentifier_longerThanOneByte_isUnknown_andMalformed() {
        assertFails(MQTT_5, connAck(body().u8(0x80, 0x01, 0)), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void property_notAllowedInThePacket_isMalformed_spec_2_2_2_2() {
        // Topic Alias in CONNACK, Assigned Client Identifier in PUBLISH, Will Delay Interval in CONNECT
        assertFails(MQTT_5, connAck(body().u8(0x23).u16(1)), ReasonCode.MALFORMED_PACKET);
        assertFails(MQTT_5, publish(body().u8(0x12).str("x")), ReasonCode.MALFORMED_PACKET);
        assertFails(MQTT_5, body().str("MQTT").u8(5, 2).u16(0).props(body().u8(0x18).u32(1)).str("c").frame(0x10),
                ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x11, 0x13, 0x21, 0x24, 0x25, 0x27, 0x28, 0x29, 0x2A, 0x22})
    void property_includedTwice_isProtocolError(int id) {
        Bytes once = body();
        switch (id) {
            case 0x11, 0x27 -> once.u8(id).u32(1);
            case 0x13, 0x21, 0x22 -> once.u8(id).u16(1);
            default -> once.u8(id, 1);
        }
        byte[] single = once.toByteArray();
        assertThat(decodeConnAckProps(body().raw(single))).isNotEqualTo(MqttProperties.EMPTY);
        assertFails(MQTT_5, connAck(body().raw(single).raw(single)), ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void stringProperty_includedTwice_isProtocolError() {
        assertFails(MQTT_5, connAck(body().u8(0x1F).str("a").u8(0x1F).str("b")), ReasonCode.PROTOCOL_ERROR);
        assertFails(MQTT_5, publish(body().u8(0x03).str("a").u8(0x03).str("b")), ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void userProperty_mayRepeat_andKeepsOrderAndDuplicates() {
        MqttProperties p = decodeConnAckProps(body().u8(0x26).str("k").str("1").u8(0x26).str("k").str("1")
                .u8(0x26).str("a").str("2"));
        assertThat(p.userProperties()).containsExactly(new UserProperty("k", "1"), new UserProperty("k", "1"),
                new UserProperty("a", "2"));
    }

    @Test
    void subscriptionIdentifier_mayRepeatInPublish() {
        PublishPacket p = (PublishPacket) assertDecodes(MQTT_5,
                publish(body().u8(0x0B, 1, 0x0B, 0xFF, 0xFF, 0xFF, 0x7F)));
        assertThat(p.properties().subscriptionIdentifiers()).containsExactly(1, 268_435_455);
        p.payload().release();
    }

    @Test
    void variableByteIntegers_notMinimallyEncoded_areMalformed_MQTT_1_5_5_1() {
        // Property Length 0 as 80 00
        assertFails(MQTT_5, body().u8(0, 0).u8(0x80, 0x00).frame(0x20), ReasonCode.MALFORMED_PACKET);
        // Subscription Identifier 1 as 81 00
        assertFails(MQTT_5, publish(body().u8(0x0B, 0x81, 0x00)), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void subscriptionIdentifier_longerThanFourBytes_isMalformed() {
        assertFails(MQTT_5, publish(body().u8(0x0B, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void subscriptionIdentifier0_isProtocolError() {
        assertFails(MQTT_5, publish(body().u8(0x0B, 0)), ReasonCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x17, 0x19})
    void requestInformationFlags_otherThan0or1_areProtocolError(int id) {
        assertFails(MQTT_5, body().str("MQTT").u8(5, 2).u16(0).props(body().u8(id, 2)).str("c").frame(0x10),
                ReasonCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x24, 0x25, 0x28, 0x29, 0x2A})
    void connAckFlags_otherThan0or1_areProtocolError(int id) {
        assertFails(MQTT_5, connAck(body().u8(id, 2)), ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void payloadFormatIndicator_otherThan0or1_isProtocolError() {
        assertFails(MQTT_5, publish(body().u8(0x01, 2)), ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void receiveMaximum0_isProtocolError() {
        assertFails(MQTT_5, connAck(body().u8(0x21).u16(0)), ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void maximumPacketSize0_isProtocolError() {
        assertFails(MQTT_5, connAck(body().u8(0x27).u32(0)), ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void authenticationData_withoutMethod_isProtocolError() {
        assertFails(MQTT_5, connAck(body().u8(0x16).lenBytes(new byte[]{1})), ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void propertyValue_runningPastThePropertyLength_isMalformed() {
        // property length 3 but Session Expiry Interval needs 5 bytes; the rest of the body follows
        byte[] bytes = body().u8(0, 0).varInt(3).u8(0x11).u32(1).frame(0x20);
        assertFails(MQTT_5, bytes, ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void stringProperty_withInvalidUtf8_isMalformed() {
        assertFails(MQTT_5, connAck(body().u8(0x1F).lenBytes(new byte[]{(byte) 0xFF})), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void allConnAckProperties_decode() {
        MqttProperties p = decodeConnAckProps(body()
                .u8(0x11).u32(0xFFFFFFFFL).u8(0x12).str("id").u8(0x13).u16(65535).u8(0x15).str("m")
                .u8(0x16).lenBytes(new byte[]{9}).u8(0x1A).str("ri").u8(0x1C).str("sr").u8(0x1F).str("rs")
                .u8(0x21).u16(10).u8(0x22).u16(0).u8(0x24, 1).u8(0x25, 0).u8(0x27).u32(1024)
                .u8(0x28, 1).u8(0x29, 0).u8(0x2A, 1));
        assertThat(p.sessionExpiryInterval()).isEqualTo(0xFFFFFFFFL);
        assertThat(p.assignedClientIdentifier()).isEqualTo("id");
        assertThat(p.serverKeepAlive()).isEqualTo(65535);
        assertThat(p.authenticationMethod()).isEqualTo("m");
        assertThat(p.authenticationData()).containsExactly(9);
        assertThat(p.responseInformation()).isEqualTo("ri");
        assertThat(p.serverReference()).isEqualTo("sr");
        assertThat(p.reasonString()).isEqualTo("rs");
        assertThat(p.receiveMaximum()).isEqualTo(10);
        assertThat(p.topicAliasMaximum()).isZero();
        assertThat(p.maximumQos()).isEqualTo(1);
        assertThat(p.retainAvailable()).isZero();
        assertThat(p.maximumPacketSize()).isEqualTo(1024L);
        assertThat(p.wildcardSubscriptionAvailable()).isEqualTo(1);
        assertThat(p.subscriptionIdentifiersAvailable()).isZero();
        assertThat(p.sharedSubscriptionAvailable()).isEqualTo(1);
    }
}
