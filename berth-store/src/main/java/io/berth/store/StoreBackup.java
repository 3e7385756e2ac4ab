package io.berth.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import java.util.stream.Stream;

/**
 * {@code berth store backup|restore} for a stopped broker. A running broker backs up with
 * {@link RocksDbDurableState#checkpoint}; a restore always needs the broker stopped.
 */
public final class StoreBackup {

    private StoreBackup() {
    }

    /**
     * Copies the store in {@code storeDir} to {@code target} (a directory that must not exist) as a RocksDB
     * checkpoint. Opens the store, so no broker may be using it.
     */
    public static void backup(Path storeDir, Path target) {
        if (Files.exists(target)) {
            throw new StoreException("backup target " + target + " already exists");
        }
        if (!Files.exists(storeDir.resolve("CURRENT"))) {
            throw new StoreException("no durable store in " + storeDir);
        }
        try (RocksDbDurableState state = RocksDbDurableState.open(storeDir, SyncMode.BATCH)) {
            state.checkpoint(target);
        }
    }

    /**
     * Replaces the store in {@code storeDir} by the backup in {@code backup}, after checking the backup. A store
     * already there is moved aside to {@code <storeDir>.before-restore-<millis>} (returned), not deleted.
     *
     * @return where the previous store went, or null when there was none
     */
    public static Path restore(Path backup, Path storeDir) {
        StoreCheck.Report report = StoreCheck.run(backup);
        if (!report.ok()) {
            throw new StoreException("backup " + backup + " has problems, not restored: " + report.problems());
        }
        try {
            Path aside = null;
            if (Files.exists(storeDir)) {
                // fails if a broker holds it: RocksDB's LOCK file is only released by that process
                RocksDbDurableState.open(storeDir, SyncMode.BATCH).close();
                aside = storeDir.resolveSibling(storeDir.getFileName() + ".before-restore-"
                        + System.currentTimeMillis());
                Files.move(storeDir, aside);
            }
            Files.createDirectories(storeDir);
            try (Stream<Path> files = Files.list(backup)) {
                for (Path f : files.toList()) {
                    if (Files.isRegularFile(f)) {
                        Files.copy(f, storeDir.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            return aside;
        } catch (IOException e) {
            throw new StoreException("restore into " + storeDir + " failed: " + e.getMessage(), e);
        }
    }

}
