package io.berth.core.subscription;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.berth.core.subscription.Subscriptions.shared;
import static io.berth.core.subscription.Subscriptions.sub;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers subscribe and unsubscribe while readers match: readers never miss a subscription that is present
 * throughout (child tables are resized and nodes pruned under them), and the final state is exactly what
 * the writers' own bookkeeping says.
 */
class SubscriptionTrieConcurrencyTest {

    private static final int WRITERS = 4;
    private static final int READERS = 3;
    private static final int OPERATIONS = 30_000;

    private final SubscriptionTrie trie = new SubscriptionTrie();

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void concurrentSubscribeUnsubscribeAndMatch_endInTheStateTheWritersMade() throws Exception {
        List<String> filters = filterPool();
        List<String> topics = topicPool();
        List<Subscription> stable = List.of(sub("stable1", "d/7/t"), sub("stable2", "d/+/t"),
                sub("stable3", "d/#"), shared("stable4", "g", "d/+/t"), sub("stable5", "e/3"));
        stable.forEach(trie::subscribe);
        Map<String, List<String>> stableByTopic = new HashMap<>();
        for (String topic : topics) {
            stableByTopic.put(topic, expectedClients(stable, topic));
        }

        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writersDone = new AtomicBoolean();
        ConcurrentLinkedQueue<String> readerFailures = new ConcurrentLinkedQueue<>();
        try {
            List<Future<Map<String, Subscription>>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int id = w;
                writers.add(pool.submit(() -> write(id, filters, start)));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                int id = r;
                readers.add(pool.submit(() -> read(id, topics, stableByTopic, start, writersDone, readerFailures)));
            }
            start.countDown();

            Map<String, Subscription> model = new HashMap<>();
            for (Future<Map<String, Subscription>> writer : writers) {
                model.putAll(writer.get());
            }
            writersDone.set(true);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get()).as("matches run by a reader").isPositive();
            }
            assertThat(readerFailures).as("stable subscriptions missed while matching").isEmpty();

            List<Subscription> expected = new ArrayList<>(stable);
            expected.addAll(model.values());
            assertThat(trie.size()).isEqualTo(expected.size());
            for (String topic : topics) {
                assertThat(matchedClients(topic)).as(topic).isEqualTo(expectedClients(expected, topic));
            }

            for (Subscription s : expected) {
                assertThat(trie.unsubscribe(s.clientId(), s.shareGroup(), s.topicFilter())).isTrue();
            }
            assertThat(trie.size()).isZero();
            assertThat(trie.sharedGroupCount()).isZero();
            assertThat(trie.nodeCount()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Subscribes and unsubscribes its own clients; returns what it left subscribed, by key. */
    private Map<String, Subscription> write(int id, List<String> filters, CountDownLatch start)
            throws InterruptedException {
        Random random = new Random(id);
        Map<String, Subscription> mine = new HashMap<>();
        start.await();
        for (int i = 0; i < OPERATIONS; i++) {
            String client = "w" + id + "-" + random.nextInt(20);
            String filter = filters.get(random.nextInt(filters.size()));
            String group = random.nextInt(4) == 0 ? "g" + random.nextInt(2) : null;
            String key = client + '|' + group + '|' + filter;
            if (random.nextBoolean()) {
                Subscription s = group == null ? sub(client, filter, random.nextInt(3))
                        : shared(client, group, filter);
                boolean replaced = trie.subscribe(s);
                assertThat(replaced).isEqualTo(mine.put(key, s) != null);
            } else {
                boolean removed = trie.unsubscribe(client, group, filter);
                assertThat(removed).isEqualTo(mine.remove(key) != null);
            }
        }
        return mine;
    }

    private int read(int id, List<String> topics, Map<String, List<String>> stableByTopic, CountDownLatch start,
                     AtomicBoolean writersDone, ConcurrentLinkedQueue<String> failures)
            throws InterruptedException {
        Random random = new Random(100 + id);
        start.await();
        int runs = 0;
        while (!writersDone.get() || runs == 0) {
            // mostly the topics whose stable subscriptions sit in the busiest child table
            String topic = random.nextBoolean() ? "d/7/t" : topics.get(random.nextInt(topics.size()));
            List<String> seen = matchedClients(topic);
            for (String client : stableByTopic.get(topic)) {
                if (!seen.contains(client)) {
                    failures.add(topic + " missed " + client);
                }
            }
            runs++;
        }
        return runs;
    }

    /** Client ids of matching non-shared subscriptions and of all members of matching groups, with group. */
    private List<String> matchedClients(String topic) {
        Matches m = Matches.of(trie, topic);
        List<String> clients = new ArrayList<>(m.clientIds());
        for (SharedGroup g : m.groups) {
            g.members().forEach(s -> clients.add(s.clientId() + "@" + g.name()));
        }
        clients.sort(null);
        return clients;
    }

    private static List<String> expectedClients(List<Subscription> subscriptions, String topic) {
        List<String> clients = new ArrayList<>();
        for (Subscription s : subscriptions) {
            if (ReferenceMatcher.matches(s.topicFilter(), topic)) {
                clients.add(s.isShared() ? s.clientId() + "@" + s.shareGroup() : s.clientId());
            }
        }
        clients.sort(null);
        return clients;
    }

    /** Filters that share nodes with the stable ones, with many siblings under "d" to force table resizes. */
    private static List<String> filterPool() {
        List<String> filters = new ArrayList<>(List.of("#", "+", "d", "d/+", "d/#", "d/+/t", "+/+/t", "e/+",
                "$SYS/#", "d//t"));
        for (int i = 0; i < 60; i++) {
            filters.add("d/" + i + "/t");
            filters.add("d/" + i + "/#");
            filters.add("d/" + i);
        }
        return filters;
    }

    private static List<String> topicPool() {
        List<String> topics = new ArrayList<>(List.of("d", "d/7/t", "e/3", "e/4", "$SYS/x", "d//t", "x"));
        for (int i = 0; i < 60; i += 3) {
            topics.add("d/" + i + "/t");
            topics.add("d/" + i);
        }
        return topics;
    }
}
