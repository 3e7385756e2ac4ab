package io.berth.server.protection;

import io.berth.core.alarm.Alarm;
import io.berth.core.alarm.AlarmRegistry;
import io.berth.server.listener.ListenerEvents;

import java.util.Map;

/**
 * Alarms for listeners that stop serving while the broker runs: {@code listener_stopped/<id>} (warning) when an
 * operator stops one, {@code listener_failed/<id>} (critical) when one cannot start or an update leaves it stopped.
 * Both clear when the listener runs again.
 */
public final class ListenerAlarms implements ListenerEvents {

    private final AlarmRegistry alarms;

    public ListenerAlarms(AlarmRegistry alarms) {
        this.alarms = alarms;
    }

    @Override
    public void running(String id) {
        alarms.clear(stoppedName(id));
        alarms.clear(failedName(id));
    }

    @Override
    public void deleted(String id) {
        running(id);
    }

    @Override
    public void stopped(String id) {
        alarms.raise(stoppedName(id), Alarm.Severity.WARNING, "listener " + id + " was stopped: it accepts no "
                + "connections until it is started again", Map.of("listener", id));
    }

    @Override
    public void failed(String id, String reason) {
        alarms.clear(stoppedName(id));
        alarms.raise(failedName(id), Alarm.Severity.CRITICAL, "listener " + id + " is not running: " + reason,
                Map.of("listener", id, "reason", String.valueOf(reason)));
    }

    static String stoppedName(String id) {
        return "listener_stopped/" + id;
    }

    static String failedName(String id) {
        return "listener_failed/" + id;
    }
}
