package io.berth.codec;

import org.junit.jupiter.api.Test;

import static io.berth.codec.Bytes.body;
import static io.berth.codec.CodecTestSupport.assertDecodes;
import static io.berth.codec.CodecTestSupport.decodeOne;
import static io.berth.codec.CodecTestSupport.failure;
import static io.berth.codec.MqttVersion.MQTT_3_1_1;
import static io.berth.codec.MqttVersion.MQTT_5;
import static org.assertj.core.api.Assertions.assertThat;

/** CONNECT and CONNACK validation, decoded by a server-side decoder that learns the version from CONNECT. */
class ConnectDecodeTest {

    private static Bytes header(String name, int level, int flags) {
        return body().str(name).u8(level, flags).u16(30);
    }

    private static Bytes v311(int flags) {
        return header("MQTT", 4, flags);
    }

    private static Bytes v5(int flags) {
        return header("MQTT", 5, flags).noProps();
    }

    private static DecodeFailure serverFailure(byte[] bytes) {
        return failure(decodeOne(new PacketDecoder(1024), bytes));
    }

    private static ConnectPacket serverDecodes(byte[] bytes) {
        Object o = decodeOne(new PacketDecoder(1024), bytes);
        assertThat(o).isInstanceOf(ConnectPacket.class);
        return (ConnectPacket) o;
    }

    @Test
    void unknownProtocolLevel_isUnsupportedProtocolVersion_MQTT_3_1_2_2() {
        DecodeFailure f = serverFailure(header("MQTT", 6, 0x02).str("c").frame(0x10));
        assertThat(f.reasonCode()).isEqualTo(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
        assertThat(f.packetType()).isEqualTo(PacketType.CONNECT);
    }

    @Test
    void malformedConnect_stillSetsTheVersion_soTheServerCanAnswerInIt() {
        PacketDecoder decoder = new PacketDecoder(1024);
        Object result = decodeOne(decoder, v5(0x03).str("c").frame(0x10));
        assertThat(failure(result).reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(decoder.version()).isEqualTo(MQTT_5);
    }

    @Test
    void unsupportedVersion_leavesTheVersionUnknown() {
        PacketDecoder decoder = new PacketDecoder(1024);
        decodeOne(decoder, header("MQTT", 6, 0x02).str("c").frame(0x10));
        assertThat(decoder.version()).isNull();
    }

    @Test
    void unknownProtocolName_isUnsupportedProtocolVersion_MQTT_3_1_2_1() {
        assertThat(serverFailure(header("XYZ", 4, 0x02).str("c").frame(0x10)).reasonCode())
                .isEqualTo(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
        // MQIsdp is 3.1 only; MQTT at level 3 does not exist
        assertThat(serverFailure(header("MQIsdp", 4, 0x02).str("c").frame(0x10)).reasonCode())
                .isEqualTo(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
        assertThat(serverFailure(header("MQTT", 3, 0x02).str("c").frame(0x10)).reasonCode())
                .isEqualTo(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
    }

    @Test
    void unparseableProtocolName_isMalformed() {
        // name length 200 in a short packet
        assertThat(serverFailure(body().u16(200).u8('M').frame(0x10)).reasonCode())
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
        // name that is not UTF-8
        assertThat(serverFailure(body().lenBytes(new byte[]{(byte) 0xC0, (byte) 0x80}).u8(4, 2).u16(0).str("c")
                .frame(0x10)).reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void reservedConnectFlag_isMalformed_MQTT_3_1_2_3() {
        assertThat(serverFailure(v311(0x03).str("c").frame(0x10)).reasonCode())
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(serverFailure(v5(0x03).str("c").frame(0x10)).reasonCode())
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void willQos3_isMalformed_MQTT_3_1_2_14() {
        byte[] bytes = v311(0x02 | 0x04 | 0x18).str("c").str("w").str("x").frame(0x10);
        assertThat(serverFailure(bytes).reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void willQos_withoutWillFlag_isMalformed_MQTT_3_1_2_13() {
        assertThat(serverFailure(v311(0x02 | 0x08).str("c").frame(0x10)).reasonCode())
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(serverFailure(v5(0x02 | 0x10).str("c").frame(0x10)).reasonCode())
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void willRetain_withoutWillFlag_isMalformed_MQTT_3_1_2_15() {
        assertThat(serverFailure(v311(0x02 | 0x20).str("c").frame(0x10)).reasonCode())
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void passwordWithoutUserName_inMqtt311_isMalformed_MQTT_3_1_2_22() {
        assertThat(serverFailure(v311(0x02 | 0x40).str("c").str("pw").frame(0x10)).reasonCode())
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void passwordWithoutUserName_inMqtt5_isAllowed() {
        ConnectPacket c = serverDecodes(v5(0x02 | 0x40).str("c").str("pw").frame(0x10));
        assertThat(c.username()).isNull();
        assertThat(c.password()).containsExactly('p', 'w');
    }

    @Test
    void emptyClientId_isDecoded_MQTT_3_1_3_6() {
        assertThat(serverDecodes(v311(0x02).str("").frame(0x10)).clientId()).isEmpty();
    }

    @Test
    void clientId_withInvalidUtf8_isMalformed_MQTT_1_5_4_1() {
        byte[] bytes = v311(0x02).lenBytes(new byte[]{'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}).frame(0x10);
        assertThat(serverFailure(bytes).reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void userName_withNullCharacter_isMalformed_MQTT_1_5_4_2() {
        byte[] bytes = v311(0x82).str("c").lenBytes(new byte[]{'a', 0, 'b'}).frame(0x10);
        assertThat(serverFailure(bytes).reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void willTopic_withWildcard_isTopicNameInvalid() {
        byte[] bytes = v311(0x06).str("c").str("a/#").str("x").frame(0x10);
        assertThat(serverFailure(bytes).reasonCode()).isEqualTo(ReasonCode.TOPIC_NAME_INVALID);
    }

    @Test
    void will_isDecodedWithItsPropertiesAndBinaryPayload() {
        byte[] payload = {0, (byte) 0xFF, 1};
        byte[] bytes = v5(0x02 | 0x04 | 0x10 | 0x20).str("c")
                .props(body().u8(0x18).u32(30).u8(0x02).u32(60)).str("w/t").lenBytes(payload).frame(0x10);
        Will will = serverDecodes(bytes).will();
        assertThat(will.topic()).isEqualTo("w/t");
        assertThat(will.payload()).containsExactly(payload);
        assertThat(will.qos()).isEqualTo(2);
        assertThat(will.retain()).isTrue();
        assertThat(will.properties().willDelayInterval()).isEqualTo(30L);
        assertThat(will.properties().messageExpiryInterval()).isEqualTo(60L);
    }

    @Test
    void willProperties_withAConnectOnlyProperty_areMalformed_spec_2_2_2_2() {
        byte[] bytes = v5(0x06).str("c").props(body().u8(0x11).u32(30)).str("w").str("x").frame(0x10);
        assertThat(serverFailure(bytes).reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void connect_withMissingPayload_isMalformed() {
        assertThat(serverFailure(v311(0x02).frame(0x10)).reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
        // user name flag but no user name
        assertThat(serverFailure(v311(0x82).str("c").frame(0x10)).reasonCode())
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void connect_withTrailingBytes_isMalformed() {
        assertThat(serverFailure(v311(0x02).str("c").u8(0).frame(0x10)).reasonCode())
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void connAck_withReservedFlags_isMalformed_MQTT_3_2_2_1() {
        CodecTestSupport.assertFails(MQTT_3_1_1, body().u8(0x02, 0).frame(0x20), ReasonCode.MALFORMED_PACKET);
        CodecTestSupport.assertFails(MQTT_5, body().u8(0x80, 0).noProps().frame(0x20), ReasonCode.MALFORMED_PACKET);
    }

    /** Found by PacketDecoderFuzzTest (corpus file connack_v3_1_reserved_byte_set): 3.1 has no Session Present. */
    @Test
    void connAck_inMqtt31_ignoresTheReservedFirstByte_andSurvivesARoundTrip() {
        byte[] bytes = body().u8(0x01, 0).frame(0x20);
        ConnAckPacket ack = (ConnAckPacket) assertDecodes(MqttVersion.MQTT_3_1, bytes);
        assertThat(ack.sessionPresent()).isFalse();
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(CodecTestSupport.encode(ack, MqttVersion.MQTT_3_1)).containsExactly(0x20, 0x02, 0x00, 0x00);
    }

    @Test
    void connAck_withReservedReturnCode_inMqtt311_isMalformed() {
        CodecTestSupport.assertFails(MQTT_3_1_1, body().u8(0, 6).frame(0x20), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void connAck_returnCodes_inMqtt311_mapToReasonCodes() {
        ReasonCode[] expected = {ReasonCode.SUCCESS, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
                ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, ReasonCode.SERVER_UNAVAILABLE,
                ReasonCode.BAD_USER_NAME_OR_PASSWORD, ReasonCode.NOT_AUTHORIZED};
        for (int code = 0; code < expected.length; code++) {
            ConnAckPacket ack = (ConnAckPacket) assertDecodes(MQTT_3_1_1, body().u8(0, code).frame(0x20));
            assertThat(ack.reasonCode()).isEqualTo(expected[code]);
        }
    }

    @Test
    void connAck_withUndefinedReasonCode_inMqtt5_isMalformed() {
        CodecTestSupport.assertFails(MQTT_5, body().u8(0, 0x05).noProps().frame(0x20), ReasonCode.MALFORMED_PACKET);
    }
}
