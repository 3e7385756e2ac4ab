package io.berth.server.management.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Slows password guessing at the login route: after {@code maxFailures} failed logins of one username from one
 * address within {@code interval}, further logins of that pair are refused for {@code lockDuration}, even with the
 * right password. A success clears the pair's count. Other addresses and usernames are unaffected, so a guesser
 * cannot lock the real administrator out from elsewhere.
 *
 * <p>Thread-safe (synchronized; called from the management executor).
 */
public final class LoginThrottle {

    private final int maxFailures;
    private final Duration interval;
    private final Duration lockDuration;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();
    private final Map<String, Instant> lockedUntil = new HashMap<>();

    public LoginThrottle(int maxFailures, Duration interval, Duration lockDuration, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be >= 1");
        }
        this.maxFailures = maxFailures;
        this.interval = interval;
        this.lockDuration = lockDuration;
        this.clock = clock;
    }

    /** How long logins of this pair stay refused, or {@link Duration#ZERO} if they may try now. */
    public synchronized Duration lockedFor(String username, String address) {
        String key = key(username, address);
        Instant until = lockedUntil.get(key);
        Instant now = clock.instant();
        if (until == null) {
            return Duration.ZERO;
        }
        if (!now.isBefore(until)) {
            lockedUntil.remove(key);
            return Duration.ZERO;
        }
        return Duration.between(now, until);
    }

    /**
     * Counts a failed login.
     *
     * @return true if this failure locked the pair
     */
    public synchronized boolean failed(String username, String address) {
        String key = key(username, address);
        Instant now = clock.instant();
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        times.addLast(now);
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(interval))) {
            times.pollFirst();
        }
        if (times.size() >= maxFailures) {
            failures.remove(key);
            lockedUntil.put(key, now.plus(lockDuration));
            return true;
        }
        forgetStale(now);
        return false;
    }

    /** A successful login clears the pair's failures. */
    public synchronized void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    /** Keeps memory bounded when many pairs fail once and never again. */
    private void forgetStale(Instant now) {
        if (failures.size() > 10_000) {
            failures.values().removeIf(t -> t.isEmpty() || !t.peekLast().isAfter(now.minus(interval)));
        }
        if (lockedUntil.size() > 10_000) {
            lockedUntil.values().removeIf(u -> !now.isBefore(u));
        }
    }

    private static String key(String username, String address) {
        return username + "\u0000" + address;
    }
}
