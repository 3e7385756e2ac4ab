package io.berth.server.config;

import io.berth.store.SyncMode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code durability { ... }} block.
 *
 * @param enabled       whether persistent sessions and retained messages are written to the durable store
 * @param sync          when a write counts as durable, and whether acknowledgements wait for it
 * @param dir           the store's directory, or null for {@code <node.data_dir>/store}
 * @param expirySweep   how often expired sessions are removed
 * @param maxDiskUsage  the store's largest size in bytes before new messages are refused; 0 = no limit
 * @param minFreeDisk   free bytes to keep on the store's file system; 0 = no check
 */
public record DurabilityConfig(boolean enabled, SyncMode sync, Path dir, Duration expirySweep, long maxDiskUsage,
                               long minFreeDisk) {

    public static final Duration DEFAULT_EXPIRY_SWEEP = Duration.ofMinutes(1);
    public static final long DEFAULT_MIN_FREE_DISK = 256L * 1024 * 1024;

    public DurabilityConfig {
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(expirySweep, "expirySweep");
    }

    /** The block with the default sweep interval and disk limits. */
    public DurabilityConfig(boolean enabled, SyncMode sync, Path dir) {
        this(enabled, sync, dir, DEFAULT_EXPIRY_SWEEP, 0, DEFAULT_MIN_FREE_DISK);
    }

    /** Durability off: every session and retained message lives in memory only. */
    public static DurabilityConfig disabled() {
        return new DurabilityConfig(false, SyncMode.BATCH, null);
    }

    public DurabilityConfig withEnabled(boolean on) {
        return new DurabilityConfig(on, sync, dir, expirySweep, maxDiskUsage, minFreeDisk);
    }

    public DurabilityConfig withSync(SyncMode mode) {
        return new DurabilityConfig(enabled, mode, dir, expirySweep, maxDiskUsage, minFreeDisk);
    }

    /** A copy with the store in {@code directory} (made absolute), or under the data dir for null. */
    public DurabilityConfig withDir(Path directory) {
        return new DurabilityConfig(enabled, sync, directory == null ? null : directory.toAbsolutePath().normalize(),
                expirySweep, maxDiskUsage, minFreeDisk);
    }

    public DurabilityConfig withExpirySweep(Duration interval) {
        return new DurabilityConfig(enabled, sync, dir, interval, maxDiskUsage, minFreeDisk);
    }

    /** A copy with other disk limits (bytes; 0 turns a limit off). */
    public DurabilityConfig withDiskLimits(long maxUsage, long minFree) {
        return new DurabilityConfig(enabled, sync, dir, expirySweep, maxUsage, minFree);
    }
}
