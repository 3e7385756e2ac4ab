package io.berth.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer fuzz targets for {@link PacketDecoder}. In a plain {@code mvn test} they run once per input of the seed
 * corpus under {@code src/test/resources/io/berth/codec/PacketDecoderFuzzTestInputs/<method>/} (regression mode);
 * with {@code JAZZER_FUZZ=1} Jazzer mutates inputs for {@code maxDuration} (see docs/fuzzing.md).
 *
 * <p>Properties checked for every input: decode returns null, a packet or a {@link DecodeFailure} with a reason
 * code, never throws, always makes progress; no failure comes from an unexpected exception (the decoder turns
 * those into "undecodable packet", which would hide a bug); every buffer is released (counted by an
 * instrumented allocator, so a leak fails the input at once rather than when the GC runs); and a decoded packet
 * encoded again and decoded by a fresh decoder is the same packet.
 */
class PacketDecoderFuzzTest {

    private static final int MAX_PACKET = 1 << 16;

    /** Server side: no version until the first CONNECT, which must come first. */
    @FuzzTest(maxDuration = "10s")
    void serverSide(byte[] data) {
        check(null, data);
    }

    /** A decoder with a fixed version (client side, or after CONNECT): the first byte picks 3.1, 3.1.1 or 5.0. */
    @FuzzTest(maxDuration = "10s")
    void fixedVersion(byte[] data) {
        if (data.length == 0) {
            return;
        }
        MqttVersion version = MqttVersion.values()[(data[0] & 0xFF) % MqttVersion.values().length];
        check(version, Arrays.copyOfRange(data, 1, data.length));
    }

    static void check(MqttVersion version, byte[] bytes) {
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
        PacketDecoder decoder = new PacketDecoder(MAX_PACKET, version);
        ByteBuf in = alloc.heapBuffer(bytes.length).writeBytes(bytes);
        List<MqttPacket> decoded = new ArrayList<>();
        try {
            while (true) {
                int before = in.readableBytes();
                Object o = decoder.decode(in);
                if (o == null) {
                    assertThat(in.readableBytes()).as("nothing consumed by an incomplete packet").isEqualTo(before);
                    break;
                }
                if (o instanceof DecodeFailure f) {
                    assertThat(f.reasonCode()).as("reason code of %s", f).isNotNull();
                    assertThat(f.message()).as("failure caused by an unexpected exception")
                            .doesNotStartWith("undecodable packet");
                    assertThat(in.isReadable()).as("bytes left after a failure").isFalse();
                    break;
                }
                assertThat(o).isInstanceOf(MqttPacket.class);
                assertThat(in.readableBytes()).as("progress after a packet").isLessThan(before);
                decoded.add((MqttPacket) o);
            }
            MqttVersion v = decoder.version();
            for (MqttPacket p : decoded) {
                roundTrip(alloc, p, p instanceof ConnectPacket c ? c.version() : v);
            }
        } finally {
            decoded.forEach(PacketDecoderFuzzTest::release);
            in.release();
        }
        assertThat(alloc.metric().usedHeapMemory()).as("heap bytes still allocated (a leaked ByteBuf)").isZero();
    }

    /** encode → decode with a fresh decoder gives the same packet. Does not consume {@code p}'s payload. */
    private static void roundTrip(UnpooledByteBufAllocator alloc, MqttPacket p, MqttVersion version) {
        String expected = CodecTestSupport.describe(p);
        MqttPacket copy = p instanceof PublishPacket x ? new PublishPacket(x.topic(), x.qos(), x.retain(), x.dup(),
                x.packetId(), x.properties(), x.payload().retainedDuplicate()) : p;
        ByteBuf encoded = PacketEncoder.encode(alloc, copy, version);
        try {
            Object again = new PacketDecoder(MAX_PACKET, version).decode(encoded);
            assertThat(again).as("re-decoding %s", expected).isInstanceOf(MqttPacket.class);
            try {
                assertThat(CodecTestSupport.describe((MqttPacket) again)).isEqualTo(expected);
            } finally {
                release((MqttPacket) again);
            }
        } finally {
            encoded.release();
        }
    }

    private static void release(MqttPacket p) {
        if (p instanceof PublishPacket x && x.payload().refCnt() > 0) {
            x.payload().release();
        }
    }
}
