package io.berth.bench;

import io.berth.core.session.Session;
import io.berth.core.subscription.Subscription;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The size of a session's state: builds a {@link Session} holding {@code subscriptions} subscriptions (the
 * {@link Subscription} records are made once, as the trie shares them). Run with {@code -prof gc}: the
 * {@code gc.alloc.rate.norm} column is the bytes one session's state takes (an upper bound on what stays
 * live: nothing else is allocated per operation).
 *
 * <pre>java -jar berth-bench/target/benchmarks.jar SessionStateBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class SessionStateBenchmark {

    @Param({"0", "1", "10"})
    int subscriptions;

    private Subscription[] subs;
    private String clientId;

    @Setup
    public void setUp() {
        clientId = "device-000001";
        subs = new Subscription[subscriptions];
        for (int i = 0; i < subscriptions; i++) {
            subs[i] = new Subscription(clientId, "devices/000001/commands/" + i, 1, false, false, 0, 0, null);
        }
    }

    @Benchmark
    public Session session() {
        Session s = new Session(clientId, ImmediateEventExecutor.INSTANCE);
        for (Subscription sub : subs) {
            s.subscriptions().put(sub.topicFilter(), sub);
        }
        return s;
    }
}
