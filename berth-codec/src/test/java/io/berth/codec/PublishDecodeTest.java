package io.berth.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import static io.berth.codec.Bytes.body;
import static io.berth.codec.CodecTestSupport.assertDecodes;
import static io.berth.codec.CodecTestSupport.assertFails;
import static io.berth.codec.MqttVersion.MQTT_3_1_1;
import static io.berth.codec.MqttVersion.MQTT_5;
import static org.assertj.core.api.Assertions.assertThat;

class PublishDecodeTest {

    @Test
    void topic_withWildcard_isMalformed_MQTT_3_3_2_2() {
        // not 0x90 Topic Name invalid, which is for a correctly formed name that the receiver refuses
        assertFails(MQTT_3_1_1, body().str("a/+").frame(0x30), ReasonCode.MALFORMED_PACKET);
        assertFails(MQTT_5, body().str("a/#").noProps().frame(0x30), ReasonCode.MALFORMED_PACKET);
        assertFails(MQTT_5, body().str("a+b").noProps().frame(0x30), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void emptyTopic_inMqtt311_isTopicNameInvalid_MQTT_4_7_3_1() {
        assertFails(MQTT_3_1_1, body().str("").frame(0x30), ReasonCode.TOPIC_NAME_INVALID);
    }

    @Test
    void emptyTopic_inMqtt5_withoutTopicAlias_isProtocolError_MQTT_3_3_2_1() {
        assertFails(MQTT_5, body().str("").noProps().frame(0x30), ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void emptyTopic_inMqtt5_withTopicAlias_isAccepted() {
        PublishPacket p = (PublishPacket) assertDecodes(MQTT_5,
                body().str("").props(body().u8(0x23).u16(4)).frame(0x30));
        assertThat(p.topic()).isEmpty();
        assertThat(p.properties().topicAlias()).isEqualTo(4);
        p.payload().release();
    }

    @Test
    void topic_withNullCharacter_isMalformed_MQTT_4_7_3_2() {
        assertFails(MQTT_3_1_1, body().lenBytes(new byte[]{'a', 0}).frame(0x30), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void topic_withControlCharacter_isMalformed() {
        assertFails(MQTT_3_1_1, body().lenBytes(new byte[]{'a', 0x0A}).frame(0x30), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void qos1_withPacketId0_isMalformed_MQTT_2_3_1_1() {
        assertFails(MQTT_3_1_1, body().str("t").u16(0).frame(0x32), ReasonCode.MALFORMED_PACKET);
        assertFails(MQTT_5, body().str("t").u16(0).noProps().frame(0x34), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void qos0_hasNoPacketId_theBytesArePayload() {
        PublishPacket p = (PublishPacket) assertDecodes(MQTT_3_1_1, body().str("t").u16(0).frame(0x30));
        assertThat(p.packetId()).isZero();
        assertThat(p.payload().readableBytes()).isEqualTo(2);
        p.payload().release();
    }

    @Test
    void topicAlias0_isTopicAliasInvalid_MQTT_3_3_2_8() {
        assertFails(MQTT_5, body().str("t").props(body().u8(0x23).u16(0)).frame(0x30),
                ReasonCode.TOPIC_ALIAS_INVALID);
    }

    @Test
    void responseTopic_withWildcard_isProtocolError_MQTT_3_3_2_14() {
        assertFails(MQTT_5, body().str("t").props(body().u8(0x08).str("r/#")).frame(0x30),
                ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void payload_isARetainedSliceOfTheInput_notACopy() {
        byte[] bytes = body().str("t").u16(9).noProps().raw(new byte[]{1, 2, 3}).frame(0x32);
        ByteBuf in = PooledByteBufAllocator.DEFAULT.buffer().writeBytes(bytes);
        PacketDecoder decoder = new PacketDecoder(1024, MQTT_5);
        PublishPacket p = (PublishPacket) decoder.decode(in);
        try {
            assertThat(in.refCnt()).isEqualTo(2);
            in.setByte(bytes.length - 1, 42);
            assertThat(p.payload().getByte(p.payload().readerIndex() + 2)).isEqualTo((byte) 42);
        } finally {
            in.release();
            p.payload().release();
        }
        assertThat(in.refCnt()).isZero();
    }

    @Test
    void payloadFormatIndicator1_withInvalidUtf8Payload_isNotCheckedByTheCodec() {
        byte[] bytes = body().str("t").props(body().u8(0x01, 1)).raw(new byte[]{(byte) 0xFF}).frame(0x30);
        PublishPacket p = (PublishPacket) assertDecodes(MQTT_5, bytes);
        assertThat(p.properties().payloadFormatIndicator()).isEqualTo(1);
        p.payload().release();
    }
}
