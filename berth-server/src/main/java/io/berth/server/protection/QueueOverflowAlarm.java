package io.berth.server.protection;

import io.berth.core.alarm.Alarm;
import io.berth.core.alarm.AlarmRegistry;
import io.berth.core.metrics.BrokerMetrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The {@code queue_overflow} alarm (warning): raised in the second messages are first dropped because a session's
 * queue ({@code mqtt.max_mqueue_len}) is full, cleared after {@link #QUIET} without such a drop. Checked by the
 * protection housekeeping task once a second.
 */
final class QueueOverflowAlarm {

    static final String NAME = "queue_overflow";
    static final Duration QUIET = Duration.ofMinutes(1);

    private final AlarmRegistry alarms;
    private final BrokerMetrics metrics;
    private final Clock clock;
    private long seen;
    private Instant lastOverflow;

    QueueOverflowAlarm(AlarmRegistry alarms, BrokerMetrics metrics, Clock clock) {
        this.alarms = alarms;
        this.metrics = metrics;
        this.clock = clock;
        this.seen = metrics.messagesDroppedQueueFull();
    }

    void tick() {
        long total = metrics.messagesDroppedQueueFull();
        long fresh = total - seen;
        seen = total;
        Instant now = clock.instant();
        if (fresh > 0) {
            lastOverflow = now;
            alarms.raise(NAME, Alarm.Severity.WARNING, fresh + " message(s) dropped in the last second because "
                    + "session queues are full (mqtt.max_mqueue_len): offline or slow clients are losing messages",
                    Map.of("dropped_last_second", Long.toString(fresh), "dropped_total", Long.toString(total)));
        } else if (lastOverflow != null && !now.isBefore(lastOverflow.plus(QUIET))) {
            alarms.clear(NAME);
            lastOverflow = null;
        }
    }
}
