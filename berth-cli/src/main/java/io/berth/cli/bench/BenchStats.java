package io.berth.cli.bench;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What a run counts, written from the event loops without locks and read once a second. */
final class BenchStats {

    static final int MAX_ERRORS_KEPT = 5;

    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger subscribed = new AtomicInteger();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder publishErrors = new LongAdder();
    final LatencyStats latency = new LatencyStats();
    final LatencyStats connectLatency = new LatencyStats();
    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final AtomicInteger errorCount = new AtomicInteger();

    /** Keeps the first few distinct-enough error messages for the summary. */
    void error(String message) {
        if (errorCount.getAndIncrement() < MAX_ERRORS_KEPT && !errors.contains(message)) {
            errors.add(message);
        }
    }

    Iterable<String> errors() {
        return errors;
    }
}
