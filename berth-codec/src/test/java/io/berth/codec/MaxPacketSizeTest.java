package io.berth.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static io.berth.codec.Bytes.body;
import static io.berth.codec.Bytes.hex;
import static io.berth.codec.MqttVersion.MQTT_5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The maximum packet size counts the whole packet, fixed header included, and is enforced on the header. */
class MaxPacketSizeTest {

    /** PUBLISH "t" QoS 0 with an n-byte payload: 2 + 3 + 1 + n bytes in MQTT 5. */
    private static byte[] publish(int payloadSize) {
        return body().str("t").noProps().raw(new byte[payloadSize]).frame(0x30);
    }

    @Test
    void packet_ofExactlyTheLimit_decodes() {
        byte[] packet = publish(10);
        Object result = CodecTestSupport.decodeOne(new PacketDecoder(packet.length, MQTT_5), packet);
        assertThat(result).isInstanceOf(PublishPacket.class);
        ((PublishPacket) result).payload().release();
    }

    @Test
    void packet_oneByteOverTheLimit_isTooLarge() {
        byte[] packet = publish(10);
        Object result = CodecTestSupport.decodeOne(new PacketDecoder(packet.length - 1, MQTT_5), packet);
        assertThat(CodecTestSupport.failure(result).reasonCode()).isEqualTo(ReasonCode.PACKET_TOO_LARGE);
        assertThat(((DecodeFailure) result).packetType()).isEqualTo(PacketType.PUBLISH);
    }

    @Test
    void tooLarge_isReportedAsSoonAsTheFixedHeaderIsReadable() {
        PacketDecoder decoder = new PacketDecoder(100, MQTT_5);
        // Remaining Length 1000 (E8 07): nothing of the body has arrived
        ByteBuf in = Unpooled.wrappedBuffer(hex("30 E8 07"));
        try {
            Object result = decoder.decode(in);
            assertThat(CodecTestSupport.failure(result).reasonCode()).isEqualTo(ReasonCode.PACKET_TOO_LARGE);
        } finally {
            in.release();
        }
    }

    @Test
    void partialRemainingLength_waitsForMore() {
        PacketDecoder decoder = new PacketDecoder(100, MQTT_5);
        ByteBuf in = Unpooled.wrappedBuffer(hex("30 E8"));
        try {
            assertThat(decoder.decode(in)).isNull();
            assertThat(in.readerIndex()).isZero();
        } finally {
            in.release();
        }
    }

    @Test
    void maxPacketSize_canBeChangedAfterConnect() {
        PacketDecoder decoder = new PacketDecoder(1000, MQTT_5);
        decoder.maxPacketSize(20);
        assertThat(decoder.maxPacketSize()).isEqualTo(20);
        Object result = CodecTestSupport.decodeOne(decoder, publish(30));
        assertThat(CodecTestSupport.failure(result).reasonCode()).isEqualTo(ReasonCode.PACKET_TOO_LARGE);
    }

    @Test
    void nonsensicalLimit_isRefused() {
        assertThatThrownBy(() -> new PacketDecoder(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
