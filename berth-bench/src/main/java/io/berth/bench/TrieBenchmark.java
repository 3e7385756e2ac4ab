package io.berth.bench;

import io.berth.core.subscription.SharedGroup;
import io.berth.core.subscription.Subscription;
import io.berth.core.subscription.SubscriptionTrie;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * {@link SubscriptionTrie} with 100,000 subscriptions: 60,000 exact {@code devices/<n>/telemetry},
 * 30,000 {@code devices/<n>/+}, 9,970 {@code devices/<n>/#}, 10 {@code devices/#}, and 4 shared groups of 5
 * members on {@code $share/ingest<k>/devices/+/telemetry}.
 *
 * <p>{@code match}: one publish to {@code devices/<n>/telemetry}, n uniform in [0, 100,000): each topic
 * matches 14 to 17 subscriptions and groups (14 for a device without filters of its own).
 * {@code matchNoSubscriber}: a topic that no filter matches. {@code subscribeUnsubscribe}: a new leaf under
 * an existing device node, then its removal and pruning. {@code resubscribe}: replacing an existing
 * subscription. All single-threaded.
 *
 * <pre>java -jar berth-bench/target/benchmarks.jar TrieBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class TrieBenchmark {

    static final int EXACT = 60_000;
    static final int SINGLE_LEVEL = 30_000;
    static final int MULTI_LEVEL = 9_970;
    static final int MONITORS = 10;
    static final int GROUPS = 4;
    static final int MEMBERS = 5;
    private static final int TOPICS = 4096; // power of two: the index wraps with a mask

    private final SubscriptionTrie trie = new SubscriptionTrie();
    private final String[] topics = new String[TOPICS];
    private final String[] newFilters = new String[TOPICS];
    private final Subscription[] existing = new Subscription[TOPICS];
    private BlackholeConsumer consumer;
    private int next;

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        for (int n = 0; n < EXACT; n++) {
            trie.subscribe(subscription("exact-" + n, "devices/" + n + "/telemetry", null));
        }
        for (int n = 0; n < SINGLE_LEVEL; n++) {
            trie.subscribe(subscription("single-" + n, "devices/" + n + "/+", null));
        }
        for (int n = 0; n < MULTI_LEVEL; n++) {
            trie.subscribe(subscription("multi-" + n, "devices/" + n + "/#", null));
        }
        for (int m = 0; m < MONITORS; m++) {
            trie.subscribe(subscription("monitor-" + m, "devices/#", null));
        }
        for (int g = 0; g < GROUPS; g++) {
            for (int m = 0; m < MEMBERS; m++) {
                trie.subscribe(subscription("ingest-" + g + "-" + m, "devices/+/telemetry", "ingest" + g));
            }
        }
        if (trie.size() != 100_000) {
            throw new IllegalStateException("expected 100,000 subscriptions, got " + trie.size());
        }
        Random random = new Random(1);
        for (int i = 0; i < TOPICS; i++) {
            int n = random.nextInt(100_000);
            topics[i] = "devices/" + n + "/telemetry";
            newFilters[i] = "devices/" + random.nextInt(EXACT) + "/commands";
            int e = random.nextInt(EXACT);
            existing[i] = subscription("exact-" + e, "devices/" + e + "/telemetry", null);
        }
        consumer = new BlackholeConsumer(blackhole);
    }

    @Benchmark
    public void match() {
        trie.match(topics[next++ & (TOPICS - 1)], consumer);
    }

    @Benchmark
    public void matchNoSubscriber() {
        trie.match("warehouse/7/door", consumer);
    }

    @Benchmark
    public boolean subscribeUnsubscribe() {
        String filter = newFilters[next++ & (TOPICS - 1)];
        trie.subscribe(subscription("bench", filter, null));
        return trie.unsubscribe("bench", null, filter);
    }

    @Benchmark
    public boolean resubscribe() {
        return trie.subscribe(existing[next++ & (TOPICS - 1)]);
    }

    private static Subscription subscription(String clientId, String filter, String group) {
        return new Subscription(clientId, filter, 1, false, false, 0, 0, group);
    }

    /** Hands every match to the blackhole so nothing is optimised away. */
    private static final class BlackholeConsumer implements SubscriptionTrie.MatchConsumer {
        private final Blackhole blackhole;

        BlackholeConsumer(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        @Override
        public void onSubscription(Subscription subscription) {
            blackhole.consume(subscription);
        }

        @Override
        public void onSharedGroup(SharedGroup group) {
            blackhole.consume(group);
        }
    }
}
