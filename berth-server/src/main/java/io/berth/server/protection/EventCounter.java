package io.berth.server.protection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts events per key in a window that starts with the key's first event (a fixed window per key): cheap, and
 * enough to tell a flapping client or a password-guessing address from an honest mistake. Thread-safe.
 */
final class EventCounter<K> {

    private record Window(long startNanos, int count) {
    }

    private final long windowNanos;
    private final Map<K, Window> windows = new ConcurrentHashMap<>();

    EventCounter(Duration window) {
        this.windowNanos = window.toNanos();
    }

    /** Counts one event for {@code key} now; returns the count in its current window. */
    int record(K key) {
        long now = System.nanoTime();
        return windows.compute(key, (k, w) -> w == null || now - w.startNanos() > windowNanos
                ? new Window(now, 1) : new Window(w.startNanos(), w.count() + 1)).count();
    }

    /** Forgets {@code key} (after acting on it). */
    void reset(K key) {
        windows.remove(key);
    }

    /** Drops windows that have ended. */
    void sweep() {
        long now = System.nanoTime();
        windows.entrySet().removeIf(e -> now - e.getValue().startNanos() > windowNanos);
    }

    /** Whether {@code key} has a window (ended or not, until the next {@link #sweep}). */
    boolean contains(K key) {
        return windows.containsKey(key);
    }

    int size() {
        return windows.size();
    }
}
