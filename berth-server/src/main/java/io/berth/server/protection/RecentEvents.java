package io.berth.server.protection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The last connection-log events in memory, for {@code GET /api/v5/events}: a bounded ring, the oldest dropped
 * first. Thread-safe: event loops append, the management thread reads; appending holds a lock for a few
 * nanoseconds.
 */
public final class RecentEvents {

    /** Events kept by default. */
    public static final int DEFAULT_CAPACITY = 1000;

    private final int capacity;
    private final ArrayDeque<String> events;

    public RecentEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.events = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** Keeps one event (a JSON object on one line), dropping the oldest when full. Any thread. */
    public synchronized void add(String json) {
        if (events.size() == capacity) {
            events.pollFirst();
        }
        events.addLast(json);
    }

    /** The events kept, newest first. Any thread. */
    public synchronized List<String> newestFirst() {
        List<String> copy = new ArrayList<>(events.size());
        for (Iterator<String> it = events.descendingIterator(); it.hasNext(); ) {
            copy.add(it.next());
        }
        return copy;
    }

    public int capacity() {
        return capacity;
    }
}
