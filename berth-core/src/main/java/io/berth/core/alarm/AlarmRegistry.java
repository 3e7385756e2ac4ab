package io.berth.core.alarm;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The active alarms and the recently cleared ones. Raising an alarm that is already active does nothing (no
 * repeated notifications for a condition that persists); listeners (log, $SYS) hear of each raise and clear once.
 * Thread-safe; listeners run on the raising or clearing thread, outside the lock.
 */
public final class AlarmRegistry {

    /** Cleared alarms kept for the list. */
    public static final int HISTORY = 1000;

    private final Clock clock;
    private final Map<String, Alarm> active = new LinkedHashMap<>();
    private final Deque<Alarm> history = new ArrayDeque<>();
    private final List<Consumer<Alarm>> listeners = new CopyOnWriteArrayList<>();

    public AlarmRegistry(Clock clock) {
        this.clock = clock;
    }

    /** Called on each raise ({@link Alarm#active()}) and clear. */
    public void onChange(Consumer<Alarm> listener) {
        listeners.add(listener);
    }

    /** Raises an alarm; false if one of this name was already active. */
    public boolean raise(String name, Alarm.Severity severity, String message, Map<String, String> details) {
        Alarm alarm;
        synchronized (this) {
            if (active.containsKey(name)) {
                return false;
            }
            alarm = new Alarm(name, severity, message, details, clock.instant(), null);
            active.put(name, alarm);
        }
        listeners.forEach(l -> l.accept(alarm));
        return true;
    }

    /** Clears an active alarm; false if none of this name was active. */
    public boolean clear(String name) {
        Alarm cleared;
        synchronized (this) {
            Alarm a = active.remove(name);
            if (a == null) {
                return false;
            }
            cleared = a.cleared(clock.instant());
            history.addFirst(cleared);
            while (history.size() > HISTORY) {
                history.removeLast();
            }
        }
        listeners.forEach(l -> l.accept(cleared));
        return true;
    }

    public synchronized boolean isActive(String name) {
        return active.containsKey(name);
    }

    /** The active alarms, oldest first. */
    public synchronized List<Alarm> active() {
        return new ArrayList<>(active.values());
    }

    /** Cleared alarms, most recent first (at most {@value #HISTORY}). */
    public synchronized List<Alarm> cleared() {
        return new ArrayList<>(history);
    }
}
