package io.berth.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static io.berth.codec.CodecTestSupport.ALLOC;
import static io.berth.codec.CodecTestSupport.assertSamePacket;
import static org.assertj.core.api.Assertions.assertThat;

/** Every packet type in MQTT 3.1.1 and 5.0 (and CONNECT in 3.1) against bytes worked out from the spec. */
class GoldenVectorTest {

    static List<GoldenVectors.Vector> vectors() {
        List<GoldenVectors.Vector> all = new ArrayList<>(GoldenVectors.v3());
        all.addAll(GoldenVectors.v5());
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encode_producesTheGoldenBytes(GoldenVectors.Vector v) {
        byte[] actual = CodecTestSupport.encode(v.packet().get(), v.version());

        assertThat(Bytes.toHex(actual)).isEqualTo(Bytes.toHex(Bytes.hex(v.hex())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encodeToSingleBuffer_producesTheGoldenBytes(GoldenVectors.Vector v) {
        ByteBuf buf = PacketEncoder.encode(ALLOC, v.packet().get(), v.version());
        try {
            assertThat(Bytes.toHex(ByteBufUtil.getBytes(buf))).isEqualTo(Bytes.toHex(Bytes.hex(v.hex())));
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encodedSize_isTheGoldenLength(GoldenVectors.Vector v) {
        MqttPacket packet = v.packet().get();
        try {
            assertThat(PacketEncoder.encodedSize(packet, v.version())).isEqualTo(Bytes.hex(v.hex()).length);
        } finally {
            release(packet);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decode_givesThePacket(GoldenVectors.Vector v) {
        MqttPacket expected = v.packet().get();
        try {
            MqttPacket actual = CodecTestSupport.assertDecodes(v.version(), Bytes.hex(v.hex()));
            assertSamePacket(actual, expected);
            release(actual);
        } finally {
            release(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decode_byteByByte_givesThePacket(GoldenVectors.Vector v) {
        MqttPacket expected = v.packet().get();
        try {
            List<Object> decoded = CodecTestSupport.decodeByteByByte(new PacketDecoder(1024, v.version()),
                    Bytes.hex(v.hex()));
            assertThat(decoded).hasSize(1);
            assertSamePacket((MqttPacket) decoded.get(0), expected);
            release((MqttPacket) decoded.get(0));
        } finally {
            release(expected);
        }
    }

    private static void release(MqttPacket p) {
        if (p instanceof PublishPacket publish) {
            publish.payload().release();
        }
    }
}
