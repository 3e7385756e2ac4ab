package io.berth.server;

import io.berth.core.alarm.Alarm;
import io.berth.core.alarm.AlarmRegistry;
import io.berth.store.StoreFullListener;

import java.util.Map;

/**
 * The {@code store_full} alarm (critical): raised while the durable store refuses new messages because it reached
 * {@code durability.max_disk_usage} or its file system fell below {@code durability.min_free_disk}, cleared when it
 * accepts them again.
 */
final class StoreFullAlarm implements StoreFullListener {

    static final String NAME = "store_full";

    private final AlarmRegistry alarms;

    StoreFullAlarm(AlarmRegistry alarms) {
        this.alarms = alarms;
    }

    @Override
    public void changed(boolean full, String detail) {
        if (full) {
            alarms.raise(NAME, Alarm.Severity.CRITICAL, "the durable store is full (" + detail + "): QoS 1/2 and "
                    + "retained messages are refused until there is room", Map.of("detail", detail));
        } else {
            alarms.clear(NAME);
        }
    }
}
