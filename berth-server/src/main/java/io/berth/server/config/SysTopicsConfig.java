package io.berth.server.config;

import java.time.Duration;

/**
 * The {@code sys_topics { ... }} settings.
 *
 * @param sysMsgInterval how often {@code $SYS} statistics are published, or null when publishing is disabled
 */
public record SysTopicsConfig(Duration sysMsgInterval) {

    public SysTopicsConfig {
        if (sysMsgInterval != null && (sysMsgInterval.isNegative() || sysMsgInterval.isZero())) {
            throw new IllegalArgumentException("sysMsgInterval must be positive: " + sysMsgInterval);
        }
    }

    /** {@code $SYS} publishing turned off. */
    public static SysTopicsConfig disabled() {
        return new SysTopicsConfig(null);
    }

    public boolean enabled() {
        return sysMsgInterval != null;
    }
}
