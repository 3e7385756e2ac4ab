package io.berth.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the bytes, decode returns null, a packet or a failure: it never throws and never leaks. */
class GarbageInputTest {

    private static void feed(PacketDecoder decoder, byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            for (int guard = 0; guard < 10_000; guard++) {
                Object o = decoder.decode(in);
                if (o == null || o instanceof DecodeFailure) {
                    return;
                }
                assertThat(o).isInstanceOf(MqttPacket.class);
                if (o instanceof PublishPacket p) {
                    p.payload().release();
                }
            }
        } finally {
            in.release();
        }
    }

    @Test
    void randomBytes_neverThrow() {
        Random random = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            MqttVersion version = i % 4 == 3 ? null : MqttVersion.values()[i % 4];
            feed(new PacketDecoder(1 << 16, version), bytes);
        }
    }

    @Test
    void randomBytes_withPlausibleFixedHeader_neverThrow() {
        Random random = new Random(2);
        for (int i = 0; i < 20_000; i++) {
            byte[] body = new byte[random.nextInt(40)];
            random.nextBytes(body);
            int firstByte = (1 + random.nextInt(15)) << 4 | (random.nextInt(4) == 0 ? random.nextInt(16) : 0);
            if (firstByte >> 4 == 3) {
                firstByte = 0x30 | (random.nextInt(3) << 1);
            } else if (firstByte >> 4 == 6 || firstByte >> 4 == 8 || firstByte >> 4 == 10) {
                firstByte = firstByte & 0xF0 | 0x02;
            }
            byte[] packet = Bytes.body().raw(body).frame(firstByte);
            feed(new PacketDecoder(1 << 16, MqttVersion.values()[i % 3]), packet);
        }
    }

    @Test
    void mutatedValidPackets_neverThrow() {
        Random random = new Random(3);
        RandomPackets packets = new RandomPackets(4);
        for (int i = 0; i < 5_000; i++) {
            MqttVersion version = MqttVersion.values()[i % 3];
            byte[] bytes = CodecTestSupport.encode(packets.next(version), version);
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            }
            feed(new PacketDecoder(1 << 16, version), bytes);
            feed(new PacketDecoder(1 << 16), bytes);
        }
    }

    @Test
    void releasedInput_givesAFailureInsteadOfThrowing() {
        ByteBuf in = Unpooled.buffer().writeBytes(Bytes.hex("C0 00"));
        in.release();
        Object o = new PacketDecoder(100, MqttVersion.MQTT_5).decode(in);
        assertThat(o).isInstanceOf(DecodeFailure.class);
    }
}
