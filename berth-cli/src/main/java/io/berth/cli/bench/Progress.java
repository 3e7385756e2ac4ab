package io.berth.cli.bench;

import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The live line, once a second: elapsed time, connections, sent and received per second over that second, and
 * the second's latency p99. Runs on the watching thread.
 */
final class Progress {

    private final BenchStats stats;
    private final PrintWriter out;
    private final long start;
    private final int clients;
    private final int subscribers;
    private long lastPrint;
    private long lastSent;
    private long lastReceived;

    Progress(BenchStats stats, PrintWriter out, long start, int clients, int subscribers) {
        this.subscribers = subscribers;
        this.stats = stats;
        this.out = out;
        this.start = start;
        this.clients = clients;
        this.lastPrint = start;
    }

    /** Waits {@code millis}, then prints a line if a second has passed since the last. */
    void tickAndMaybePrint(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
        long now = System.nanoTime();
        if (now - lastPrint >= TimeUnit.SECONDS.toNanos(1)) {
            print(now);
        }
    }

    /** Takes the last interval into the totals. */
    void finalSample() {
        stats.latency.sample();
        stats.connectLatency.sample();
    }

    private void print(long now) {
        double seconds = (now - lastPrint) / 1e9;
        long sent = stats.sent.sum();
        long received = stats.received.sum();
        Histogram interval = stats.latency.sample();
        stats.connectLatency.sample();
        String latency = interval.getTotalCount() == 0 ? "" : String.format(Locale.ROOT, "  p99 %s ms",
                Summary.millis(interval.getValueAtPercentile(99)));
        out.printf(Locale.ROOT, "[%4ds] conns %d/%d (failed %d)%s  sent %.0f/s  recv %.0f/s%s%n",
                TimeUnit.NANOSECONDS.toSeconds(now - start), stats.connected.get(), clients,
                stats.connectFailures.sum(), subscribers == 0 ? "" : "  subscribed " + stats.subscribed.get(), (sent - lastSent) / seconds, (received - lastReceived) / seconds, latency);
        out.flush();
        lastPrint = now;
        lastSent = sent;
        lastReceived = received;
    }
}
