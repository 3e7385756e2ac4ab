package io.berth.store;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures the store against its {@link DiskLimits} on a thread of its own: the size of its table files and
 * write-ahead logs, and the free space of its file system. Over a limit, the store is full and refuses new
 * messages ({@link RocksDbDurableState#full()}) before RocksDB runs out of space mid-write; deletions still go
 * through, and once some were made, the watch flushes and compacts the store so that deleted data leaves the disk,
 * and the store is no longer full when it is under the limits again.
 */
final class DiskWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiskWatch.class);

    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles;
    private final Path dir;
    private final DiskLimits limits;
    private final StoreFullListener listener;
    private final AtomicBoolean freed = new AtomicBoolean();
    private final ScheduledExecutorService thread;
    private volatile boolean full;

    DiskWatch(RocksDB db, List<ColumnFamilyHandle> handles, Path dir, DiskLimits limits, StoreFullListener listener) {
        this.db = db;
        this.handles = handles;
        this.dir = dir;
        this.limits = limits;
        this.listener = listener;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "berth-store-disk-watch");
            t.setDaemon(true);
            return t;
        });
        long ms = limits.checkInterval().toMillis();
        thread.scheduleWithFixedDelay(this::check, 0, ms, TimeUnit.MILLISECONDS);
    }

    boolean full() {
        return full;
    }

    /** Something was deleted: space may come back after a flush and compaction. Any thread. */
    void freed() {
        freed.set(true);
    }

    private void check() {
        try {
            String over = over();
            if (over != null && full && freed.getAndSet(false)) {
                reclaim();
                over = over();
            }
            if (over != null && !full) {
                full = true;
                LOG.error("store.full dir={} {}: QoS 1/2 and retained messages are refused until there is room",
                        dir, over);
                listener.changed(true, over);
            } else if (over == null && full) {
                full = false;
                LOG.warn("store.not_full dir={} {}: messages are accepted again", dir, usage());
                listener.changed(false, null);
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("store.disk_check_failed dir={} detail={}", dir, e.toString());
        }
    }

    /** Why the store is over a limit, or null. */
    private String over() throws IOException {
        if (limits.maxUsageBytes() > 0) {
            long used = usedBytes();
            if (used >= limits.maxUsageBytes()) {
                return "usage=" + used + " max_disk_usage=" + limits.maxUsageBytes();
            }
        }
        if (limits.minFreeBytes() > 0) {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < limits.minFreeBytes()) {
                return "free=" + free + " min_free_disk=" + limits.minFreeBytes();
            }
        }
        return null;
    }

    private String usage() throws IOException {
        return "usage=" + usedBytes() + " free=" + Files.getFileStore(dir).getUsableSpace();
    }

    /** The size of the table files, write-ahead logs and manifests; RocksDB's own info log is not counted. */
    long usedBytes() throws IOException {
        long sum = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(".sst") || name.endsWith(".log") || name.startsWith("MANIFEST-")) {
                    try {
                        sum += Files.size(f);
                    } catch (java.nio.file.NoSuchFileException gone) {
                        // deleted by RocksDB meanwhile
                    }
                }
            }
        }
        return sum;
    }

    /** Writes the memtables out (so old write-ahead logs go) and compacts away what was deleted. */
    private void reclaim() {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush, handles);
            for (ColumnFamilyHandle h : handles) {
                db.compactRange(h);
            }
            LOG.info("store.compacted dir={} {}", dir, usage());
        } catch (RocksDBException | IOException e) {
            LOG.warn("store.compaction_failed dir={} detail={}", dir, e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
