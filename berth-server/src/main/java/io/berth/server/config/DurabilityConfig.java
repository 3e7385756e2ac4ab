package io.berth.server.config;

import io.berth.store.SyncMode;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code durability { ... }} block.
 *
 * @param enabled whether persistent sessions and retained messages are written to the durable store
 * @param sync    when a write counts as durable, and whether acknowledgements wait for it
 * @param dir     the store's directory, or null for {@code <node.data_dir>/store}
 */
public record DurabilityConfig(boolean enabled, SyncMode sync, Path dir) {

    public DurabilityConfig {
        Objects.requireNonNull(sync, "sync");
    }

    /** Durability off: every session and retained message lives in memory only. */
    public static DurabilityConfig disabled() {
        return new DurabilityConfig(false, SyncMode.BATCH, null);
    }

    public DurabilityConfig withEnabled(boolean on) {
        return new DurabilityConfig(on, sync, dir);
    }

    public DurabilityConfig withSync(SyncMode mode) {
        return new DurabilityConfig(enabled, mode, dir);
    }

    /** A copy with the store in {@code directory} (made absolute), or under the data dir for null. */
    public DurabilityConfig withDir(Path directory) {
        return new DurabilityConfig(enabled, sync, directory == null ? null : directory.toAbsolutePath().normalize());
    }
}
