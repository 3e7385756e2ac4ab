package io.berth.server.protection;

import io.berth.core.alarm.Alarm;
import io.berth.core.alarm.AlarmRegistry;
import io.berth.server.config.ProtectionConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Overload protection: when heap use is above its watermark, or an event loop runs a task later than the lag
 * watermark, the broker is overloaded: new clients get CONNACK 0x89 (server busy) and an {@code overload} alarm is
 * raised. Checked once a second ({@link #check}); when every measure is back under its watermark the alarm clears
 * and new clients are accepted again. Thread-safe: the flag is volatile, lag probes run on the loops.
 */
public final class OverloadMonitor {

    static final String ALARM = "overload";

    private final ProtectionConfig.Overload settings;
    private final AlarmRegistry alarms;
    private final DoubleSupplier heapUse;
    private volatile boolean overloaded;
    private volatile long worstLagNanos;

    public OverloadMonitor(ProtectionConfig.Overload settings, AlarmRegistry alarms) {
        this(settings, alarms, OverloadMonitor::heapUsedFraction);
    }

    OverloadMonitor(ProtectionConfig.Overload settings, AlarmRegistry alarms, DoubleSupplier heapUse) {
        this.settings = settings;
        this.alarms = alarms;
        this.heapUse = heapUse;
    }

    public boolean overloaded() {
        return overloaded;
    }

    /**
     * Heap that survived the last collection (what the collector reports per pool after a GC; the current use of a
     * pool that reports none), as a share of the most the heap may grow to. Garbage waiting to be collected does
     * not count, so a busy but healthy heap is not taken for an overloaded one.
     */
    static double heapUsedFraction() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                MemoryUsage after = pool.isCollectionUsageThresholdSupported() ? pool.getCollectionUsage() : null;
                used += after != null ? after.getUsed() : pool.getUsage().getUsed();
            }
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        return max <= 0 ? 0 : (double) used / max;
    }

    /** Bytes of direct buffers in use (NIO pools), for the alarm details. */
    static long directBytes() {
        long sum = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            sum += Math.max(0, pool.getMemoryUsed());
        }
        return sum;
    }

    /** Sends a probe to every loop; its delay is the loop's lag, seen at the next {@link #check}. */
    public void probe(EventLoopGroup loops) {
        for (EventExecutor loop : loops) {
            long sent = System.nanoTime();
            loop.execute(() -> {
                long lag = System.nanoTime() - sent;
                if (lag > worstLagNanos) {
                    worstLagNanos = lag;
                }
            });
        }
    }

    /** Decides from the latest measures; raises or clears the alarm. */
    public void check() {
        if (!settings.enabled()) {
            return;
        }
        double heap = heapUse.getAsDouble();
        long lag = worstLagNanos;
        worstLagNanos = 0;
        boolean heapHigh = heap >= settings.heapHighWatermark();
        boolean lagHigh = lag >= settings.maxEventLoopLag().toNanos();
        boolean now = heapHigh || lagHigh;
        if (now && !overloaded) {
            overloaded = true;
            alarms.raise(ALARM, Alarm.Severity.CRITICAL, "broker overloaded: new connections are refused (0x89)",
                    Map.of("heap_used", String.format("%.1f%%", heap * 100),
                            "heap_high_watermark", String.format("%.1f%%", settings.heapHighWatermark() * 100),
                            "event_loop_lag_ms", Long.toString(TimeUnit.NANOSECONDS.toMillis(lag)),
                            "direct_bytes", Long.toString(directBytes())));
        } else if (!now && overloaded) {
            overloaded = false;
            alarms.clear(ALARM);
        }
    }
}
