package io.berth.store;

import io.berth.core.Message;
import io.berth.core.session.Delivery;
import io.berth.core.store.DurableState;
import io.berth.core.store.SessionRecord;
import io.berth.core.store.StoredSession;
import io.berth.core.store.StoredWill;
import io.berth.core.subscription.Subscription;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static io.berth.store.ColumnFamilies.*;

/**
 * The core's {@link DurableState} on embedded RocksDB, in one directory with one column family per kind of state
 * ({@link ColumnFamilies}). Writes are queued to the {@link StoreWriter} thread and never block the caller; reads
 * happen at start-up only ({@link #recoverRetained}, {@link #recoverSessions}).
 */
public final class RocksDbDurableState implements DurableState {

    private static final Logger LOG = LoggerFactory.getLogger(RocksDbDurableState.class);

    /** The store format this version writes and reads. */
    static final int FORMAT = 1;

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final SyncMode mode;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final RocksDB db;
    private final StoreWriter writer;
    private final AtomicLong messageIds = new AtomicLong();
    private DiskWatch diskWatch;

    private RocksDbDurableState(Path dir, SyncMode mode) {
        this.dir = dir;
        this.mode = mode;
        this.dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        this.cfOptions = new ColumnFamilyOptions();
        try {
            this.db = RocksDB.open(dbOptions, dir.toString(), ColumnFamilies.descriptors(cfOptions), handles);
        } catch (RocksDBException e) {
            closeOptions();
            throw openFailure(dir, e);
        }
        try {
            checkFormat();
        } catch (RuntimeException e) {
            closeDb();
            throw e;
        }
        this.writer = new StoreWriter(db, mode);
    }

    /**
     * Opens (creating if needed) the store in {@code dir}.
     *
     * @throws StoreException naming the directory, the cause and the command to check it
     */
    public static RocksDbDurableState open(Path dir, SyncMode mode) {
        return open(dir, mode, DiskLimits.NONE, (full, detail) -> { });
    }

    /**
     * Opens the store with disk limits: {@code listener} hears when the store becomes full (and why) and when it
     * is not any more, on the store's disk-watch thread.
     *
     * @throws StoreException naming the directory, the cause and the command to check it
     */
    public static RocksDbDurableState open(Path dir, SyncMode mode, DiskLimits limits, StoreFullListener listener) {
        RocksDbDurableState state = open0(dir, mode);
        if (limits.any()) {
            state.diskWatch = new DiskWatch(state.db, state.handles, state.dir, limits, listener);
        }
        return state;
    }

    private static RocksDbDurableState open0(Path dir, SyncMode mode) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("durable store " + dir + ": cannot create the directory: " + e.getMessage(), e);
        }
        RocksDbDurableState state = new RocksDbDurableState(dir.toAbsolutePath().normalize(), mode);
        LOG.info("store.opened dir={} sync={}", state.dir, mode.configName());
        return state;
    }

    static StoreException openFailure(Path dir, RocksDBException e) {
        Status status = e.getStatus();
        String detail = e.getMessage();
        if (status != null && status.getCode() == Status.Code.IOError && detail != null && detail.contains("lock")) {
            return new StoreException("durable store " + dir + " is in use by another process (" + detail
                    + "); stop the other broker or set durability.dir to another directory", e);
        }
        return new StoreException("durable store " + dir + " cannot be opened: " + detail
                + ". Check it with: berth store check --dir " + dir, e);
    }

    private void checkFormat() {
        try {
            byte[] format = db.get(META.of(handles), FORMAT_KEY);
            if (format == null) {
                db.put(META.of(handles), FORMAT_KEY, new byte[] {FORMAT});
            } else if (format.length != 1 || format[0] != FORMAT) {
                throw new StoreException("durable store " + dir + " has format " + (format.length == 1 ? format[0]
                        : "?") + "; this broker reads format " + FORMAT + ". Check it with: berth store check --dir "
                        + dir);
            }
        } catch (RocksDBException e) {
            throw openFailure(dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    public SyncMode syncMode() {
        return mode;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public boolean holdsAcknowledgements() {
        return mode != SyncMode.NONE;
    }

    @Override
    public boolean full() {
        DiskWatch watch = diskWatch;
        return watch != null && watch.full();
    }

    private void freed() {
        DiskWatch watch = diskWatch;
        if (watch != null) {
            watch.freed();
        }
    }

    @Override
    public long nextMessageId() {
        return messageIds.incrementAndGet();
    }

    private ColumnFamilyHandle cf(ColumnFamilies family) {
        return family.of(handles);
    }

    @Override
    public void retainedPut(Message message) {
        byte[] key = Keys.utf8(message.topic());
        byte[] value = RecordCodec.retained(message);
        writer.submit(b -> b.put(cf(RETAINED), key, value));
    }

    @Override
    public void retainedRemove(String topic) {
        freed();
        byte[] key = Keys.utf8(topic);
        writer.submit(b -> b.delete(cf(RETAINED), key));
    }

    @Override
    public void sessionPut(SessionRecord record) {
        byte[] key = Keys.utf8(record.clientId());
        byte[] value = RecordCodec.session(record);
        writer.submit(b -> b.put(cf(SESSIONS), key, value));
    }

    @Override
    public void sessionDelete(String clientId) {
        freed();
        writer.submit(b -> deleteSession(b, clientId));
    }

    void deleteSession(org.rocksdb.WriteBatch b, String clientId) throws RocksDBException {
        b.delete(cf(SESSIONS), Keys.utf8(clientId));
        byte[] start = Keys.sessionStart(clientId);
        byte[] end = Keys.sessionEnd(clientId);
        for (ColumnFamilies family : SESSION_RANGES) {
            b.deleteRange(cf(family), start, end);
        }
    }

    @Override
    public void subscriptionPut(Subscription subscription) {
        byte[] key = Keys.subscription(subscription.clientId(), subscription.fullTopicFilter());
        byte[] value = RecordCodec.subscription(subscription);
        writer.submit(b -> b.put(cf(SUBSCRIPTIONS), key, value));
    }

    @Override
    public void subscriptionDelete(String clientId, String fullTopicFilter) {
        byte[] key = Keys.subscription(clientId, fullTopicFilter);
        writer.submit(b -> b.delete(cf(SUBSCRIPTIONS), key));
    }

    @Override
    public void messagePut(String clientId, long messageId, Delivery delivery) {
        byte[] key = Keys.message(clientId, messageId);
        byte[] value = RecordCodec.delivery(delivery);
        writer.submit(b -> b.put(cf(MESSAGES), key, value));
    }

    @Override
    public void messageSent(String clientId, long messageId, int packetId) {
        byte[] key = Keys.message(clientId, messageId);
        byte[] value = RecordCodec.inflight(packetId, false);
        writer.submit(b -> b.put(cf(INFLIGHT), key, value));
    }

    @Override
    public void messageReleased(String clientId, long messageId, int packetId) {
        byte[] key = Keys.message(clientId, messageId);
        byte[] value = RecordCodec.inflight(packetId, true);
        writer.submit(b -> {
            b.put(cf(INFLIGHT), key, value);
            b.delete(cf(MESSAGES), key);
        });
    }

    @Override
    public void messageDelete(String clientId, long messageId) {
        freed();
        byte[] key = Keys.message(clientId, messageId);
        writer.submit(b -> {
            b.delete(cf(MESSAGES), key);
            b.delete(cf(INFLIGHT), key);
        });
    }

    @Override
    public void awaitingReleasePut(String clientId, int packetId) {
        byte[] key = Keys.packetId(clientId, packetId);
        writer.submit(b -> b.put(cf(AWAITING_REL), key, RecordCodec.marker()));
    }

    @Override
    public void awaitingReleaseDelete(String clientId, int packetId) {
        byte[] key = Keys.packetId(clientId, packetId);
        writer.submit(b -> b.delete(cf(AWAITING_REL), key));
    }

    @Override
    public void willPut(StoredWill will) {
        byte[] key = Keys.utf8(will.clientId());
        byte[] value = RecordCodec.will(will);
        writer.submit(b -> b.put(cf(WILLS), key, value));
    }

    @Override
    public void willDelete(String clientId) {
        byte[] key = Keys.utf8(clientId);
        writer.submit(b -> b.delete(cf(WILLS), key));
    }

    @Override
    public List<StoredWill> recoverWills() {
        return new Recovery(db, handles, dir, this).wills();
    }

    @Override
    public void whenDurable(Executor executor, Consumer<Boolean> callback) {
        writer.whenDurable(executor, callback);
    }

    @Override
    public void recoverRetained(Consumer<Message> consumer) {
        new Recovery(db, handles, dir, this).retained(System.currentTimeMillis(), consumer);
    }

    @Override
    public List<StoredSession> recoverSessions(long nowMillis) {
        Recovery recovery = new Recovery(db, handles, dir, this);
        List<StoredSession> sessions = recovery.sessions(nowMillis);
        messageIds.accumulateAndGet(recovery.maxMessageId(), Math::max);
        return sessions;
    }

    /** Writes a consistent copy of the store to {@code target} (a new directory) while the broker runs. */
    public void checkpoint(Path target) {
        try (Checkpoint checkpoint = Checkpoint.create(db)) {
            checkpoint.createCheckpoint(target.toAbsolutePath().toString());
            LOG.info("store.backup_written dir={} to={}", dir, target.toAbsolutePath());
        } catch (RocksDBException e) {
            throw new StoreException("backup to " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** Applies a write batch now, on the calling thread (recovery's clean-up). */
    void writeNow(StoreWriter.Write write) {
        try (org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch();
             org.rocksdb.WriteOptions options = new org.rocksdb.WriteOptions().setSync(true)) {
            write.apply(batch);
            db.write(options, batch);
        } catch (RocksDBException e) {
            throw new StoreException("durable store " + dir + ": write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (diskWatch != null) {
            diskWatch.close();
        }
        writer.close();
        closeDb();
        LOG.info("store.closed dir={}", dir);
    }

    private void closeDb() {
        for (ColumnFamilyHandle h : handles) {
            h.close();
        }
        db.close();
        closeOptions();
    }

    private void closeOptions() {
        cfOptions.close();
        dbOptions.close();
    }
}
