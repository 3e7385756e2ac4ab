package io.berth.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.berth.codec.Bytes.body;
import static io.berth.codec.CodecTestSupport.assertDecodes;
import static io.berth.codec.CodecTestSupport.assertFails;
import static io.berth.codec.MqttVersion.MQTT_3_1_1;
import static io.berth.codec.MqttVersion.MQTT_5;
import static org.assertj.core.api.Assertions.assertThat;

/** PUBACK, PUBREC, PUBREL, PUBCOMP, DISCONNECT and AUTH. */
class AckDecodeTest {

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x50, 0x62, 0x70})
    void ack_withPacketId0_isMalformed_MQTT_2_3_1_1(int firstByte) {
        assertFails(MQTT_3_1_1, body().u16(0).frame(firstByte), ReasonCode.MALFORMED_PACKET);
        assertFails(MQTT_5, body().u16(0).frame(firstByte), ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x50, 0x62, 0x70})
    void ack_v5_withUndefinedReasonCode_isMalformed(int firstByte) {
        assertFails(MQTT_5, body().u16(1).u8(0x05).frame(firstByte), ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x50, 0x62, 0x70})
    void ack_v311_withReasonCode_isMalformed(int firstByte) {
        assertFails(MQTT_3_1_1, body().u16(1).u8(0x10).frame(firstByte), ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x50, 0x62, 0x70})
    void ack_v5_reasonCodeAndPropertyLengthMayBeOmitted(int firstByte) {
        MqttPacket shortest = assertDecodes(MQTT_5, body().u16(1).frame(firstByte));
        MqttPacket withCode = assertDecodes(MQTT_5, body().u16(1).u8(0x80).frame(firstByte));
        MqttPacket withProps = assertDecodes(MQTT_5, body().u16(1).u8(0x80).props(body().u8(0x1F).str("why"))
                .frame(firstByte));
        assertThat(shortest.toString()).contains("SUCCESS");
        assertThat(withCode.toString()).contains("UNSPECIFIED_ERROR");
        assertThat(withProps.toString()).contains("reasonString=why");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x50, 0x62, 0x70})
    void ack_v5_withPropertyNotAllowed_isMalformed_spec_2_2_2_2(int firstByte) {
        assertFails(MQTT_5, body().u16(1).u8(0).props(body().u8(0x11).u32(1)).frame(firstByte),
                ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x04, 0x8E})
    void disconnect_v5_decodesItsReasonCode(int code) {
        DisconnectPacket d = (DisconnectPacket) assertDecodes(MQTT_5, body().u8(code).frame(0xE0));
        assertThat(d.reasonCode().value()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x03, 0xFF})
    void disconnect_v5_withUndefinedReasonCode_isMalformed(int code) {
        assertFails(MQTT_5, body().u8(code).frame(0xE0), ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x17, 0x23})
    void disconnect_v5_withPropertyNotAllowed_isMalformed_spec_2_2_2_2(int propertyId) {
        assertFails(MQTT_5, body().u8(0).props(body().u8(propertyId, 0, 1)).frame(0xE0), ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x18, 0x19})
    void auth_decodesItsReasonCode_withoutPropertyLength(int code) {
        AuthPacket a = (AuthPacket) assertDecodes(MQTT_5, body().u8(code).frame(0xF0));
        assertThat(a.reasonCode().value()).isEqualTo(code);
    }

    @Test
    void auth_withAuthenticationDataButNoMethod_isProtocolError() {
        assertFails(MQTT_5, body().u8(0x18).props(body().u8(0x16).lenBytes(new byte[]{1})).frame(0xF0),
                ReasonCode.PROTOCOL_ERROR);
    }
}
