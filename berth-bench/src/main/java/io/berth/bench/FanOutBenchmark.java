package io.berth.bench;

import io.berth.core.Message;
import io.berth.core.MqttSettings;
import io.berth.core.metrics.BrokerMetrics;
import io.berth.core.retain.InMemoryRetainedStore;
import io.berth.core.routing.MessageRouter;
import io.berth.core.session.Delivery;
import io.berth.core.session.Session;
import io.berth.core.session.SessionRegistry;
import io.berth.core.subscription.Subscription;
import io.berth.core.subscription.SubscriptionTrie;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.concurrent.ImmediateEventExecutor;
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
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * {@link MessageRouter#route} of one 16-byte message to {@code subscribers} sessions subscribed to
 * {@code bench/fanout} at QoS {@code qos}: the trie match, one delivery per subscriber sharing the payload, and
 * the hand-over to each session (on the caller's thread here: every session is owned by an immediate executor, so
 * the measure is the router's own work, not a thread hop). Each session's outbound side counts the delivery and
 * releases it, as the network write would.
 *
 * <pre>java -jar berth-bench/target/benchmarks.jar FanOutBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class FanOutBenchmark {

    private static final String TOPIC = "bench/fanout";

    @Param({"1", "10", "100", "1000"})
    int subscribers;

    @Param({"0", "1"})
    int qos;

    private MessageRouter router;
    private ByteBuf payload;
    private long delivered;

    @Setup(Level.Trial)
    public void setUp() {
        SubscriptionTrie trie = new SubscriptionTrie();
        SessionRegistry sessions = new SessionRegistry();
        for (int i = 0; i < subscribers; i++) {
            String clientId = "sub-" + i;
            Session s = new Session(clientId, ImmediateEventExecutor.INSTANCE);
            s.attach(this::sent);
            sessions.putIfAbsent(s);
            trie.subscribe(new Subscription(clientId, TOPIC, qos, false, false, 0, 0, null));
        }
        router = new MessageRouter(trie, sessions, new InMemoryRetainedStore(), MqttSettings.defaults(),
                new BrokerMetrics());
        payload = PooledByteBufAllocator.DEFAULT.directBuffer(16).writeZero(16);
    }

    private void sent(Delivery d) {
        delivered++;
        d.release();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (delivered == 0 || payload.refCnt() != 1) {
            throw new IllegalStateException("deliveries " + delivered + ", payload references " + payload.refCnt());
        }
        payload.release();
    }

    @Benchmark
    public void route(Blackhole bh) {
        Message m = new Message(TOPIC, qos, false, payload.retainedDuplicate(), null, Message.NEVER_EXPIRES,
                "publisher", 0L);
        bh.consume(router.route(m));
    }
}
