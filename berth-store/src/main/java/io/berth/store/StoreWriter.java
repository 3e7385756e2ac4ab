package io.berth.store;

import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The store thread: takes writes from any thread through one queue and applies them in that order. In
 * {@link SyncMode#BATCH} everything waiting is written as one {@link WriteBatch} with one sync (group commit: while
 * one sync runs, the next batch fills), in {@link SyncMode#ALWAYS} each write is synced on its own, in
 * {@link SyncMode#NONE} batches are written without a sync. Barriers ({@link #whenDurable}) complete after the
 * writes queued before them, on the executor their caller named (the connection's event loop). The event loops
 * never wait for the disk.
 */
final class StoreWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
    private static final int MAX_BATCH = 4096;

    /** One change to apply to a batch. */
    interface Write {
        void apply(WriteBatch batch) throws RocksDBException;
    }

    private record Barrier(Executor executor, Consumer<Boolean> callback) {
    }

    private static final Object STOP = new Object();

    private final RocksDB db;
    private final SyncMode mode;
    private final WriteOptions options;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean failed;

    StoreWriter(RocksDB db, SyncMode mode) {
        this.db = db;
        this.mode = mode;
        this.options = new WriteOptions().setSync(mode != SyncMode.NONE);
        this.thread = new Thread(this::run, "berth-store-writer");
        thread.setDaemon(true);
        thread.start();
    }

    void submit(Write write) {
        queue.add(write);
    }

    void whenDurable(Executor executor, Consumer<Boolean> callback) {
        queue.add(new Barrier(executor, callback));
    }

    /** True after a write failed (e.g. a full disk) until one succeeds again. */
    boolean failing() {
        return failed;
    }

    private void run() {
        List<Object> drained = new ArrayList<>();
        List<Barrier> barriers = new ArrayList<>();
        while (true) {
            try {
                drained.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(drained, MAX_BATCH - 1);
            boolean stop = false;
            boolean ok = true;
            try (WriteBatch batch = new WriteBatch()) {
                for (Object o : drained) {
                    if (o == STOP) {
                        stop = true;
                    } else if (o instanceof Barrier b) {
                        if (mode == SyncMode.ALWAYS) {
                            ok &= flush(batch);
                            complete(b, ok);
                        } else {
                            barriers.add(b);
                        }
                    } else {
                        ok &= apply((Write) o, batch);
                        if (mode == SyncMode.ALWAYS) {
                            ok &= flush(batch);
                        }
                    }
                }
                ok &= flush(batch);
            }
            for (Barrier b : barriers) {
                complete(b, ok);
            }
            barriers.clear();
            drained.clear();
            if (stop) {
                return;
            }
        }
    }

    private boolean apply(Write write, WriteBatch batch) {
        try {
            write.apply(batch);
            return true;
        } catch (RocksDBException e) {
            LOG.error("store.write_failed detail={}", e.getMessage());
            return false;
        }
    }

    /** Writes what the batch holds and empties it; false if the write failed. */
    private boolean flush(WriteBatch batch) {
        if (batch.count() == 0) {
            return true;
        }
        try {
            db.write(options, batch);
            if (failed) {
                failed = false;
                LOG.warn("store.write_recovered");
            }
            return true;
        } catch (RocksDBException e) {
            if (!failed) {
                LOG.error("store.write_failed detail={} (persistent messages are refused until writes succeed "
                        + "again)", e.getMessage());
            }
            failed = true;
            return false;
        } finally {
            try {
                batch.clear();
            } catch (RuntimeException ignored) {
                // nothing to clear
            }
        }
    }

    private static void complete(Barrier b, boolean ok) {
        try {
            b.executor().execute(() -> b.callback().accept(ok));
        } catch (RejectedExecutionException shuttingDown) {
            // the connection's loop stopped: nobody waits for this answer any more
        }
    }

    /** Applies what is queued, then stops the thread. */
    @Override
    public void close() {
        queue.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        options.close();
    }
}
