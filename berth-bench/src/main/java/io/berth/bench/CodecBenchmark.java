package io.berth.bench;

import io.berth.codec.MqttVersion;
import io.berth.codec.PacketDecoder;
import io.berth.codec.PacketEncoder;
import io.berth.codec.PublishPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The codec on the hot path: a small PUBLISH (topic {@code sensors/device-42/temperature}, QoS 1, packet
 * identifier 4711, no properties, 16-byte payload) in MQTT 3.1.1 and 5.0.
 *
 * <p>{@code decode}: one PUBLISH from a pooled direct buffer, payload sliced (not copied) and released.
 * {@code encode}: the packet with a shared payload (one retain, as for one subscriber), written as a header
 * buffer plus the payload, both released. {@code encodedSize}: the size check done before an outbound PUBLISH.
 * All single-threaded.
 *
 * <pre>java -jar berth-bench/target/benchmarks.jar CodecBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class CodecBenchmark {

    private static final String TOPIC = "sensors/device-42/temperature";
    private static final int PACKET_ID = 4711;

    @Param({"MQTT_3_1_1", "MQTT_5"})
    public String versionName;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final List<Object> out = new ArrayList<>(2);
    private MqttVersion version;
    private PacketDecoder decoder;
    private ByteBuf wire;
    private ByteBuf payload;

    @Setup(Level.Trial)
    public void setUp() {
        version = MqttVersion.valueOf(versionName);
        decoder = new PacketDecoder(1 << 20, version);
        payload = alloc.directBuffer(16).writeBytes(new byte[]{'{', '"', 't', '"', ':', '2', '1', '.', '5', ',',
                '"', 'u', '"', ':', 'C', '}'});
        ByteBuf encoded = PacketEncoder.encode(alloc, publish(payload.retainedDuplicate()), version);
        wire = alloc.directBuffer(encoded.readableBytes()).writeBytes(encoded);
        encoded.release();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        wire.release();
        payload.release();
    }

    private static PublishPacket publish(ByteBuf payload) {
        return new PublishPacket(TOPIC, 1, false, false, PACKET_ID, null, payload);
    }

    @Benchmark
    public Object decode() {
        wire.readerIndex(0);
        PublishPacket packet = (PublishPacket) decoder.decode(wire);
        packet.payload().release();
        return packet;
    }

    @Benchmark
    public int encode() {
        out.clear();
        PacketEncoder.encode(alloc, publish(payload.retainedDuplicate()), version, out);
        int bytes = 0;
        for (Object o : out) {
            ByteBuf b = (ByteBuf) o;
            bytes += b.readableBytes();
            b.release();
        }
        return bytes;
    }

    @Benchmark
    public int encodedSize() {
        return PacketEncoder.encodedSize(publish(payload), version);
    }
}
