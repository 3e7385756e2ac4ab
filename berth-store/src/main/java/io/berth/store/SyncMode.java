package io.berth.store;

import java.util.Locale;

/** {@code durability.sync}: when a write counts as durable. */
public enum SyncMode {
    /** Every write is synced to disk on its own before the next; acknowledgements wait for it. */
    ALWAYS,
    /** Writes that arrive together are written as one batch with one sync (group commit); acknowledgements wait. */
    BATCH,
    /**
     * Writes go to RocksDB's write-ahead log without a sync and acknowledgements do not wait: the data survive a
     * broker crash once the operating system has them, not a power loss. For benchmarks.
     */
    NONE;

    public static SyncMode parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
