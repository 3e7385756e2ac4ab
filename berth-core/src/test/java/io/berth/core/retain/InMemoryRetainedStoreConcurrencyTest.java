package io.berth.core.retain;

import io.berth.core.Message;
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

import static io.berth.core.retain.RetainedMessages.consume;
import static io.berth.core.retain.RetainedMessages.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers put and delete retained messages while readers match: stable topics are always found, and the
 * final content is what the writers' bookkeeping says.
 */
class InMemoryRetainedStoreConcurrencyTest {

    private static final int WRITERS = 3;
    private static final int READERS = 2;
    private static final int OPERATIONS = 20_000;

    private final InMemoryRetainedStore store = new InMemoryRetainedStore();

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void concurrentPutRemoveAndMatch_endInTheStateTheWritersMade() throws Exception {
        List<String> stable = List.of("d/7/t", "d/keep", "e");
        stable.forEach(t -> put(store, t, "stable"));

        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writersDone = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        try {
            List<Future<Map<String, String>>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int id = w;
                writers.add(pool.submit(() -> write(id, start)));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                int id = r;
                readers.add(pool.submit(() -> read(id, start, writersDone, failures)));
            }
            start.countDown();

            Map<String, String> model = new HashMap<>();
            for (Future<Map<String, String>> writer : writers) {
                model.putAll(writer.get());
            }
            writersDone.set(true);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get()).isPositive();
            }
            assertThat(failures).isEmpty();

            stable.forEach(t -> model.put(t, "stable"));
            assertThat(store.size()).isEqualTo(model.size());
            List<Message> all = store.match("#", 0L);
            Map<String, String> content = new HashMap<>();
            all.forEach(m -> content.put(m.topic(), consume(m)));
            assertThat(content).isEqualTo(model);

            model.keySet().forEach(t -> assertThat(store.remove(t)).isTrue());
            assertThat(store.size()).isZero();
            assertThat(store.nodeCount()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each writer owns the topics "w<id>/..." and "d/<n>/w<id>", so its bookkeeping is exact. */
    private Map<String, String> write(int id, CountDownLatch start) throws InterruptedException {
        Random random = new Random(id);
        Map<String, String> mine = new HashMap<>();
        start.await();
        for (int i = 0; i < OPERATIONS; i++) {
            int n = random.nextInt(50);
            String topic = random.nextBoolean() ? "d/" + n + "/w" + id : "w" + id + "/" + n;
            if (random.nextInt(3) > 0) {
                String value = "v" + i;
                put(store, topic, value);
                mine.put(topic, value);
            } else {
                assertThat(store.remove(topic)).isEqualTo(mine.remove(topic) != null);
            }
        }
        return mine;
    }

    private int read(int id, CountDownLatch start, AtomicBoolean writersDone, ConcurrentLinkedQueue<String> failures)
            throws InterruptedException {
        Random random = new Random(100 + id);
        start.await();
        int runs = 0;
        while (!writersDone.get() || runs == 0) {
            String filter = random.nextBoolean() ? "d/+/t" : "d/7/#";
            List<Message> found = store.match(filter, 0L);
            if (found.stream().noneMatch(m -> m.topic().equals("d/7/t"))) {
                failures.add(filter + " missed d/7/t");
            }
            found.forEach(Message::release);
            Message keep = store.get("d/keep");
            if (keep == null) {
                failures.add("get missed d/keep");
            } else {
                keep.release();
            }
            runs++;
        }
        return runs;
    }
}
