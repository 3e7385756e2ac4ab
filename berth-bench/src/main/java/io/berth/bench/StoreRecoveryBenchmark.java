package io.berth.bench;

import io.berth.codec.MqttProperties;
import io.berth.core.Message;
import io.berth.core.retain.InMemoryRetainedStore;
import io.berth.core.retain.WriteThroughRetainedStore;
import io.berth.store.RocksDbDurableState;
import io.berth.store.SyncMode;
import io.netty.buffer.Unpooled;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Start-up with retained messages in the durable store: opening the RocksDB store and loading every retained
 * message into memory, as {@code Broker.start} does before its listeners open. The store holds {@code count}
 * retained {@code devices/<n>/status} messages of 64 bytes, written once per trial.
 *
 * <pre>java -jar berth-bench/target/benchmarks.jar StoreRecoveryBenchmark -f 1 -wi 1 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class StoreRecoveryBenchmark {

    @Param({"1000000"})
    public int count;

    private Path dir;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        dir = Files.createTempDirectory("berth-store-bench");
        byte[] payload = new byte[64];
        try (RocksDbDurableState state = RocksDbDurableState.open(dir, SyncMode.NONE)) {
            for (int n = 0; n < count; n++) {
                Message m = new Message("devices/" + n + "/status", 1, true, Unpooled.wrappedBuffer(payload),
                        MqttProperties.EMPTY, Message.NEVER_EXPIRES, "bench", 0L);
                state.retainedPut(m);
                if (n % 10_000 == 9_999) {
                    awaitDurable(state); // keeps the write queue short
                }
            }
            awaitDurable(state);
        }
    }

    private static void awaitDurable(RocksDbDurableState state) throws Exception {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        state.whenDurable(Runnable::run, done::complete);
        done.get(60, TimeUnit.SECONDS);
    }

    @Benchmark
    public int openAndLoadRetained() {
        InMemoryRetainedStore memory = new InMemoryRetainedStore();
        try (RocksDbDurableState state = RocksDbDurableState.open(dir, SyncMode.BATCH)) {
            new WriteThroughRetainedStore(memory, state).recover();
        }
        int size = memory.size();
        if (size != count) {
            throw new IllegalStateException("loaded " + size + " of " + count);
        }
        return size;
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
