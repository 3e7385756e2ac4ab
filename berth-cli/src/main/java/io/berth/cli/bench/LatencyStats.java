package io.berth.cli.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies in microseconds: event loops record into a wait-free {@link Recorder}; the reporting thread takes
 * each interval's histogram and adds it to the run's total.
 */
final class LatencyStats {

    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private Histogram interval;

    /** Any thread. Negative values (clock skew between processes) count as 0. */
    void record(long micros) {
        recorder.recordValue(Math.max(0, micros));
    }

    /** Reporting thread: moves what was recorded since the last call into the total; returns that interval. */
    synchronized Histogram sample() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return interval;
    }

    /** Reporting thread, after a last {@link #sample()}. */
    synchronized Histogram total() {
        return total;
    }
}
