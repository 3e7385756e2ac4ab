package io.berth.bench;

import io.berth.codec.MqttProperties;
import io.berth.core.Message;
import io.berth.core.retain.InMemoryRetainedStore;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * {@link InMemoryRetainedStore} holding 100,000 retained {@code devices/<n>/status} messages of 64 bytes
 * (plus {@code devices/<n>/config} for every tenth device): the lookups a subscribe does and the put a
 * retained publish does. Single-threaded.
 *
 * <pre>java -jar berth-bench/target/benchmarks.jar RetainedBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class RetainedBenchmark {

    private static final int DEVICES = 100_000;
    private static final int KEYS = 4096; // power of two: the index wraps with a mask

    private final InMemoryRetainedStore store = new InMemoryRetainedStore();
    private final String[] exact = new String[KEYS];
    private final String[] perDevice = new String[KEYS];
    private final Message[] updates = new Message[KEYS];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] payload = new byte[64];
        for (int n = 0; n < DEVICES; n++) {
            put("devices/" + n + "/status", payload);
            if (n % 10 == 0) {
                put("devices/" + n + "/config", payload);
            }
        }
        Random random = new Random(1);
        for (int i = 0; i < KEYS; i++) {
            int n = random.nextInt(DEVICES);
            exact[i] = "devices/" + n + "/status";
            perDevice[i] = "devices/" + (n - n % 10) + "/#";
            updates[i] = message(exact[i], payload);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Message m : updates) {
            m.release();
        }
    }

    /** A subscription to one exact topic. */
    @Benchmark
    public int matchExact() {
        return releaseAll(store.match(exact[next++ & (KEYS - 1)], 0L));
    }

    /** A subscription to {@code devices/<n>/#}: two retained messages. */
    @Benchmark
    public int matchDeviceWildcard() {
        return releaseAll(store.match(perDevice[next++ & (KEYS - 1)], 0L));
    }

    /** A retained publish replacing the message of an existing topic. */
    @Benchmark
    public void putReplace() {
        store.put(updates[next++ & (KEYS - 1)]);
    }

    private void put(String topic, byte[] payload) {
        Message m = message(topic, payload);
        store.put(m);
        m.release();
    }

    private static Message message(String topic, byte[] payload) {
        return new Message(topic, 1, true, Unpooled.wrappedBuffer(payload), MqttProperties.EMPTY,
                Message.NEVER_EXPIRES, "bench", 0L);
    }

    private static int releaseAll(List<Message> messages) {
        for (Message m : messages) {
            m.release();
        }
        return messages.size();
    }
}
