package io.berth.server.protection;

import io.berth.core.alarm.AlarmRegistry;
import io.berth.server.config.ProtectionConfig;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class OverloadMonitorTest {

    @Test
    void heapAboveTheWatermark_overloadsAndRaisesTheAlarm_andBelowIt_resumesAndClears() {
        AtomicReference<Double> heap = new AtomicReference<>(0.5);
        AlarmRegistry alarms = new AlarmRegistry(Clock.systemUTC());
        OverloadMonitor m = new OverloadMonitor(new ProtectionConfig.Overload(true, 0.9, Duration.ofSeconds(2)),
                alarms, heap::get);
        m.check();
        assertThat(m.overloaded()).isFalse();
        heap.set(0.95);
        m.check();
        assertThat(m.overloaded()).isTrue();
        assertThat(alarms.isActive(OverloadMonitor.ALARM)).isTrue();
        m.check();
        assertThat(alarms.active()).hasSize(1);
        heap.set(0.6);
        m.check();
        assertThat(m.overloaded()).isFalse();
        assertThat(alarms.active()).isEmpty();
        assertThat(alarms.cleared()).singleElement().satisfies(a -> assertThat(a.clearedAt()).isNotNull());
    }

    @Test
    void disabled_neverOverloads() {
        OverloadMonitor m = new OverloadMonitor(new ProtectionConfig.Overload(false, 0.1, Duration.ofSeconds(2)),
                new AlarmRegistry(Clock.systemUTC()), () -> 0.99);
        m.check();
        assertThat(m.overloaded()).isFalse();
    }

    @Test
    void realHeapMeasure_isAShare() {
        assertThat(OverloadMonitor.heapUsedFraction()).isBetween(0.0, 1.0);
    }
}
