package io.berth.store;

import java.time.Duration;

/**
 * When the store counts as full: its files reach {@code maxUsageBytes}, or its file system has less than
 * {@code minFreeBytes} left. 0 turns either limit off.
 *
 * @param checkInterval how often the store's size and the free space are measured
 */
public record DiskLimits(long maxUsageBytes, long minFreeBytes, Duration checkInterval) {

    /** No limit: the store is never full before RocksDB itself fails. */
    public static final DiskLimits NONE = new DiskLimits(0, 0, Duration.ofSeconds(1));

    public DiskLimits {
        if (maxUsageBytes < 0 || minFreeBytes < 0) {
            throw new IllegalArgumentException("disk limits must be 0 (off) or positive");
        }
    }

    public boolean any() {
        return maxUsageBytes > 0 || minFreeBytes > 0;
    }
}
