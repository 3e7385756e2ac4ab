package io.berth.cli.bench;

/**
 * Microseconds since the epoch from the monotonic clock: wall time once, then {@link System#nanoTime()} deltas,
 * so publishers and subscribers in different processes on one host agree to about a millisecond.
 */
final class BenchClock {

    private static final long BASE_MICROS = System.currentTimeMillis() * 1_000L;
    private static final long BASE_NANOS = System.nanoTime();

    private BenchClock() {
    }

    static long nowMicros() {
        return BASE_MICROS + (System.nanoTime() - BASE_NANOS) / 1_000L;
    }
}
