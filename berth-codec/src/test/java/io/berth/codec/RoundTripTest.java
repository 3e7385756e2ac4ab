package io.berth.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static io.berth.codec.CodecTestSupport.ALLOC;
import static io.berth.codec.CodecTestSupport.describe;
import static org.assertj.core.api.Assertions.assertThat;

/** encode → decode gives the same packet, for random packets of every type and version. */
class RoundTripTest {

    private static final int PACKETS = 1_000;

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void randomPackets_surviveARoundTrip(MqttVersion version) {
        RandomPackets random = new RandomPackets(version.ordinal() * 7919L);
        PacketDecoder decoder = new PacketDecoder(1 << 20, version);
        for (int i = 0; i < PACKETS; i++) {
            MqttPacket packet = random.next(version);
            String expected = describe(packet);
            int size = PacketEncoder.encodedSize(packet, version);
            byte[] bytes = CodecTestSupport.encode(packet, version);
            assertThat(bytes).as("encoded size of %s", expected).hasSize(size);

            Object decoded = CodecTestSupport.decodeOne(decoder, bytes);
            assertThat(decoded).as("decoding %s", expected).isInstanceOf(MqttPacket.class);
            assertThat(describe((MqttPacket) decoded)).isEqualTo(expected);
            release(decoded);
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void streamOfRandomPackets_fedInRandomFragments_decodesInOrder(MqttVersion version) {
        RandomPackets random = new RandomPackets(42 + version.ordinal());
        java.util.Random cuts = new java.util.Random(version.ordinal());
        List<String> expected = new ArrayList<>();
        ByteBuf stream = ALLOC.buffer();
        for (int i = 0; i < 500; i++) {
            MqttPacket packet = random.next(version);
            expected.add(describe(packet));
            stream.writeBytes(CodecTestSupport.encode(packet, version));
        }
        byte[] all = ByteBufUtil.getBytes(stream);
        stream.release();

        PacketDecoder decoder = new PacketDecoder(1 << 20, version);
        List<String> actual = new ArrayList<>();
        ByteBuf in = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            int pos = 0;
            while (pos < all.length) {
                int n = Math.min(all.length - pos, cuts.nextInt(3) == 0 ? 1 : 1 + cuts.nextInt(64));
                in.writeBytes(all, pos, n);
                pos += n;
                Object o;
                while ((o = decoder.decode(in)) != null) {
                    assertThat(o).isInstanceOf(MqttPacket.class);
                    actual.add(describe((MqttPacket) o));
                    release(o);
                }
                in.discardSomeReadBytes();
            }
        } finally {
            in.release();
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void randomPackets_fedOneByteAtATime_decode(MqttVersion version) {
        RandomPackets random = new RandomPackets(99 + version.ordinal());
        for (int i = 0; i < 200; i++) {
            MqttPacket packet = random.next(version);
            String expected = describe(packet);
            byte[] bytes = CodecTestSupport.encode(packet, version);
            List<Object> decoded = CodecTestSupport.decodeByteByByte(new PacketDecoder(1 << 20, version), bytes);
            assertThat(decoded).hasSize(1);
            assertThat(describe((MqttPacket) decoded.get(0))).isEqualTo(expected);
            release(decoded.get(0));
        }
    }

    private static void release(Object o) {
        if (o instanceof PublishPacket p) {
            p.payload().release();
        }
    }
}
