package io.berth.core.limit;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code ratePerSecond} tokens are added continuously up to {@code burst}. Taking may go into debt
 * ({@link #take}), which callers use for back-pressure: the debt says how long to wait. Thread-safe; the lock is held
 * for a few arithmetic operations only.
 */
public final class TokenBucket {

    private final double ratePerSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastNanos;

    /**
     * @param ratePerSecond tokens added per second, positive
     * @param burst         most tokens held, at least 1
     * @param nanoClock     monotonic nanoseconds (System::nanoTime, or a fake clock in tests)
     */
    public TokenBucket(double ratePerSecond, double burst, LongSupplier nanoClock) {
        if (!(ratePerSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1: " + ratePerSecond + ", " + burst);
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.lastNanos = nanoClock.getAsLong();
    }

    /** A bucket holding one second of tokens (at least one), on {@link System#nanoTime()}. */
    public static TokenBucket perSecond(double ratePerSecond) {
        return new TokenBucket(ratePerSecond, Math.max(1, ratePerSecond), System::nanoTime);
    }

    /** Takes one token if there is one; never goes into debt. */
    public synchronized boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /**
     * Takes {@code n} tokens, going into debt if needed.
     *
     * @return nanoseconds until the balance is positive again; 0 when there was enough
     */
    public synchronized long take(double n) {
        refill();
        tokens -= n;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerSecond * 1e9);
    }

    /**
     * Takes as many whole tokens as there are, up to {@code max}; never goes into debt.
     *
     * @return the number taken, 0..max
     */
    public synchronized long takeUpTo(long max) {
        refill();
        long n = (long) Math.min(max, Math.floor(tokens));
        if (n > 0) {
            tokens -= n;
        }
        return Math.max(0, n);
    }

    /** Nanoseconds until {@code n} tokens (at most the burst) are available; 0 if they are now. */
    public synchronized long nanosUntil(double n) {
        refill();
        double missing = Math.min(n, burst) - tokens;
        return missing <= 0 ? 0 : (long) Math.ceil(missing / ratePerSecond * 1e9);
    }

    /** Whether the bucket is full (an idle bucket can be forgotten). */
    public synchronized boolean isFull() {
        refill();
        return tokens >= burst;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long elapsed = now - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed / 1e9 * ratePerSecond);
            lastNanos = now;
        }
    }
}
