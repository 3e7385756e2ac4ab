package io.berth.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.berth.codec.Bytes.body;
import static io.berth.codec.Bytes.hex;
import static io.berth.codec.CodecTestSupport.assertFails;
import static io.berth.codec.CodecTestSupport.decodeOne;
import static io.berth.codec.MqttVersion.MQTT_3_1_1;
import static io.berth.codec.MqttVersion.MQTT_5;
import static org.assertj.core.api.Assertions.assertThat;

/** Framing: packet type, reserved flags, Remaining Length, partial input, and the first packet on a server. */
class FixedHeaderDecodeTest {

    @Test
    void packetType0_isMalformed() {
        assertFails(MQTT_5, hex("00 00"), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void auth_inMqtt311_isMalformed() {
        assertFails(MQTT_3_1_1, hex("F0 00"), ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x11, 0x28, 0x41, 0x58, 0x64, 0x60, 0x71, 0x80, 0x83, 0x91, 0xA0, 0xB4, 0xC1, 0xD8, 0xE2,
        0xF1})
    void reservedFlagBits_notAsSpecified_areMalformed_MQTT_2_2_2_1_and_2(int firstByte) {
        // flags are checked from the first byte alone, before the body
        assertFails(MQTT_5, new byte[]{(byte) firstByte, 0}, ReasonCode.MALFORMED_PACKET);
        assertFails(MQTT_3_1_1, new byte[]{(byte) firstByte, 0}, ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void malformedFirstByte_isReportedBeforeTheRemainingLengthArrives() {
        assertFails(MQTT_5, hex("63"), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void publish_withQos3_isMalformed_MQTT_3_3_1_4() {
        assertFails(MQTT_5, body().str("t").u16(1).noProps().frame(0x36), ReasonCode.MALFORMED_PACKET);
        assertFails(MQTT_3_1_1, body().str("t").u16(1).frame(0x36), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void publish_withDupOnQos0_isMalformed_MQTT_3_3_1_2() {
        assertFails(MQTT_5, body().str("t").noProps().frame(0x38), ReasonCode.MALFORMED_PACKET);
        assertFails(MQTT_3_1_1, body().str("t").frame(0x38), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void remainingLength_ofFiveBytes_isMalformed() {
        assertFails(MQTT_5, hex("30 FF FF FF FF 01"), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void remainingLength_withContinuationOnFourthByte_failsWithoutWaitingForMore() {
        assertFails(MQTT_5, hex("30 80 80 80 80"), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void remainingLength_notMinimallyEncoded_isMalformed_MQTT_1_5_5_1() {
        assertFails(MQTT_5, hex("C0 80 00"), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void remainingLength_maximum_isAcceptedUntilTheSizeLimit() {
        // 268,435,455 = FF FF FF 7F: legal encoding, refused only because it exceeds the limit
        assertFails(MQTT_5, hex("30 FF FF FF 7F"), ReasonCode.PACKET_TOO_LARGE);
    }

    @Test
    void packet_longerThanItsContents_isMalformed() {
        assertFails(MQTT_3_1_1, hex("40 03 00 01 00"), ReasonCode.MALFORMED_PACKET);
        assertFails(MQTT_5, hex("C0 01 00"), ReasonCode.MALFORMED_PACKET);
        assertFails(MQTT_3_1_1, hex("E0 01 00"), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void packet_shorterThanItsContents_isMalformed() {
        assertFails(MQTT_5, hex("40 01 00"), ReasonCode.MALFORMED_PACKET);
        // string length 5 in a 3-byte body
        assertFails(MQTT_5, hex("30 03 00 05 61"), ReasonCode.MALFORMED_PACKET);
        // property length past the end
        assertFails(MQTT_5, hex("30 05 00 01 74 09 01"), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void incompletePacket_returnsNull_andLeavesTheReaderIndex() {
        PacketDecoder decoder = new PacketDecoder(1024, MQTT_3_1_1);
        ByteBuf in = Unpooled.buffer().writeBytes(hex("30 07 00 03 61 2F"));
        try {
            assertThat(decoder.decode(in)).isNull();
            assertThat(in.readerIndex()).isZero();
            in.writeBytes(hex("62 68 69"));
            Object packet = decoder.decode(in);
            assertThat(packet).isInstanceOf(PublishPacket.class);
            ((PublishPacket) packet).payload().release();
            assertThat(in.isReadable()).isFalse();
            assertThat(decoder.decode(in)).isNull();
        } finally {
            in.release();
        }
    }

    @Test
    void twoPacketsInOneBuffer_decodeOneAfterTheOther() {
        PacketDecoder decoder = new PacketDecoder(1024, MQTT_3_1_1);
        ByteBuf in = Unpooled.wrappedBuffer(hex("C0 00 40 02 00 07 D0"));
        try {
            assertThat(decoder.decode(in)).isEqualTo(PingReqPacket.INSTANCE);
            assertThat(decoder.decode(in)).isEqualTo(new PubAckPacket(7));
            assertThat(decoder.decode(in)).isNull();
            assertThat(in.readableBytes()).isEqualTo(1);
        } finally {
            in.release();
        }
    }

    @Test
    void serverDecoder_firstPacketNotConnect_isProtocolError_MQTT_3_1_0_1() {
        Object result = decodeOne(new PacketDecoder(1024), hex("C0 00"));
        assertThat(CodecTestSupport.failure(result).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(((DecodeFailure) result).packetType()).isEqualTo(PacketType.PINGREQ);
    }

    @Test
    void serverDecoder_takesTheVersionFromConnect() {
        PacketDecoder decoder = new PacketDecoder(1024);
        assertThat(decoder.version()).isNull();
        ByteBuf in = Unpooled.wrappedBuffer(hex("10 10 00 04 4D 51 54 54 05 02 00 3C 00 00 03 61 62 63 E0 01 04"));
        try {
            assertThat(decoder.decode(in)).isInstanceOf(ConnectPacket.class);
            assertThat(decoder.version()).isEqualTo(MQTT_5);
            // a v5 DISCONNECT with a reason code decodes only because the version is now 5
            assertThat(decoder.decode(in)).isEqualTo(new DisconnectPacket(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE));
        } finally {
            in.release();
        }
    }

    @Test
    void serverDecoder_afterMqtt311Connect_refusesAuth() {
        PacketDecoder decoder = new PacketDecoder(1024);
        ByteBuf in = Unpooled.wrappedBuffer(hex("10 0F 00 04 4D 51 54 54 04 02 00 3C 00 03 61 62 63 F0 00"));
        try {
            assertThat(decoder.decode(in)).isInstanceOf(ConnectPacket.class);
            assertThat(decoder.version()).isEqualTo(MQTT_3_1_1);
            assertThat(CodecTestSupport.failure(decoder.decode(in)).reasonCode())
                    .isEqualTo(ReasonCode.MALFORMED_PACKET);
        } finally {
            in.release();
        }
    }

    @Test
    void afterAFailure_theSameFailureIsReturned_andInputSkipped() {
        PacketDecoder decoder = new PacketDecoder(1024, MQTT_5);
        ByteBuf in = Unpooled.buffer().writeBytes(hex("00 00"));
        try {
            Object first = decoder.decode(in);
            assertThat(first).isInstanceOf(DecodeFailure.class);
            assertThat(in.isReadable()).isFalse();
            in.writeBytes(hex("C0 00"));
            assertThat(decoder.decode(in)).isSameAs(first);
            assertThat(in.isReadable()).isFalse();
        } finally {
            in.release();
        }
    }

    @Test
    void decode_onEmptyBuffer_returnsNull() {
        assertThat(decodeOne(new PacketDecoder(1024), new byte[0])).isNull();
    }

    @Test
    void pingAndDisconnect_withBody_areMalformed() {
        assertFails(MQTT_5, hex("C0 01 00"), ReasonCode.MALFORMED_PACKET);
        assertFails(MQTT_5, hex("D0 01 00"), ReasonCode.MALFORMED_PACKET);
    }
}
