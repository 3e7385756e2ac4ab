package io.berth.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Encoding, decoding and comparing packets in tests, releasing every buffer. */
final class CodecTestSupport {

    static final int MAX = 1 << 20;
    static final PooledByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    private CodecTestSupport() {
    }

    /** Encodes with the list form of the encoder and returns the concatenated bytes. Consumes PUBLISH payloads. */
    static byte[] encode(MqttPacket packet, MqttVersion version) {
        List<Object> out = new ArrayList<>();
        PacketEncoder.encode(ALLOC, packet, version, out);
        ByteBuf all = Unpooled.buffer();
        try {
            for (Object o : out) {
                ByteBuf b = (ByteBuf) o;
                all.writeBytes(b, b.readerIndex(), b.readableBytes());
                b.release();
            }
            return ByteBufUtil.getBytes(all);
        } finally {
            all.release();
        }
    }

    /** Decodes exactly one item (packet or failure) from the bytes; any PUBLISH payload is copied and released. */
    static Object decodeOne(PacketDecoder decoder, byte[] bytes) {
        ByteBuf in = ALLOC.buffer(bytes.length).writeBytes(bytes);
        try {
            Object result = decoder.decode(in);
            if (result instanceof MqttPacket) {
                assertThat(in.isReadable()).as("bytes left after the packet").isFalse();
            }
            return detach(result);
        } finally {
            in.release();
        }
    }

    static Object decodeOne(MqttVersion version, byte[] bytes) {
        return decodeOne(new PacketDecoder(MAX, version), bytes);
    }

    /** Feeds the bytes one at a time; returns everything decoded, with PUBLISH payloads detached. */
    static List<Object> decodeByteByByte(PacketDecoder decoder, byte[] bytes) {
        List<Object> results = new ArrayList<>();
        ByteBuf in = ALLOC.buffer(bytes.length);
        try {
            for (byte b : bytes) {
                in.writeByte(b);
                Object o;
                while ((o = decoder.decode(in)) != null) {
                    results.add(detach(o));
                    if (o instanceof DecodeFailure) {
                        return results;
                    }
                }
                in.discardReadBytes();
            }
            return results;
        } finally {
            in.release();
        }
    }

    /** Replaces a PUBLISH's pooled payload by an unpooled copy, releasing the original. */
    static Object detach(Object o) {
        if (o instanceof PublishPacket p) {
            ByteBuf copy = Unpooled.wrappedBuffer(ByteBufUtil.getBytes(p.payload()));
            p.payload().release();
            return new PublishPacket(p.topic(), p.qos(), p.retain(), p.dup(), p.packetId(), p.properties(), copy);
        }
        return o;
    }

    static DecodeFailure failure(Object o) {
        assertThat(o).as("decode result").isInstanceOf(DecodeFailure.class);
        return (DecodeFailure) o;
    }

    static void assertFails(MqttVersion version, byte[] bytes, ReasonCode expected) {
        Object result = decodeOne(version, bytes);
        assertThat(result).as("decoding %s", Bytes.toHex(bytes)).isInstanceOf(DecodeFailure.class);
        assertThat(((DecodeFailure) result).reasonCode()).as("reason of %s", result).isEqualTo(expected);
    }

    static MqttPacket assertDecodes(MqttVersion version, byte[] bytes) {
        Object result = decodeOne(version, bytes);
        assertThat(result).as("decoding %s", Bytes.toHex(bytes)).isInstanceOf(MqttPacket.class);
        return (MqttPacket) result;
    }

    /** Packet equality that compares byte arrays and payload buffers by content. */
    static void assertSamePacket(MqttPacket actual, MqttPacket expected) {
        assertThat(describe(actual)).isEqualTo(describe(expected));
    }

    /** A string form that shows every field, with arrays and buffers as hex. */
    static String describe(MqttPacket p) {
        if (p instanceof PublishPacket x) {
            return "PUBLISH " + x.topic() + " q" + x.qos() + " r" + x.retain() + " d" + x.dup() + " id"
                    + x.packetId() + " " + x.properties() + " " + describe(x.properties()) + " payload "
                    + ByteBufUtil.hexDump(x.payload());
        }
        if (p instanceof ConnectPacket x) {
            Will w = x.will();
            return "CONNECT " + x.version() + " '" + x.clientId() + "' clean" + x.cleanStart() + " ka"
                    + x.keepAlive() + " user " + x.username() + " pw "
                    + (x.password() == null ? "null" : Arrays.toString(x.password())) + " " + x.properties() + " "
                    + describe(x.properties()) + " will "
                    + (w == null ? "null" : w.topic() + " " + Arrays.toString(w.payload()) + " q" + w.qos() + " r"
                    + w.retain() + " " + w.properties() + " " + describe(w.properties()));
        }
        if (p instanceof ConnAckPacket x) {
            return x + describe(x.properties());
        }
        if (p instanceof AuthPacket x) {
            return x + describe(x.properties());
        }
        return p.toString();
    }

    private static String describe(MqttProperties p) {
        return "cd=" + (p.correlationData() == null ? "null" : Arrays.toString(p.correlationData()))
                + " ad=" + (p.authenticationData() == null ? "null" : Arrays.toString(p.authenticationData()));
    }
}
