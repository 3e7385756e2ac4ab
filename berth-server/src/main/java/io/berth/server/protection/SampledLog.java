package io.berth.server.protection;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lets at most one event per {@code periodNanos} through and counts the ones held back, so a flood of refusals
 * produces a few log lines, not one per socket. Thread-safe, lock-free.
 */
final class SampledLog {

    private final long periodNanos;
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);
    private final LongAdder suppressed = new LongAdder();

    SampledLog(long periodNanos) {
        this.periodNanos = periodNanos;
    }

    /**
     * @return -1 when this event should not be logged; otherwise how many were held back since the last one logged
     */
    long tryLog() {
        long now = System.nanoTime();
        long n = next.get();
        if ((n == Long.MIN_VALUE || now - n >= 0) && next.compareAndSet(n, now + periodNanos)) {
            return suppressed.sumThenReset();
        }
        suppressed.increment();
        return -1;
    }
}
