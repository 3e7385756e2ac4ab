package io.berth.store;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.berth.store.ColumnFamilies.*;

/**
 * {@code berth store check}: opens a store read-only (a running broker may hold it), reads every record of every
 * column family, and reports how many there are and every record that cannot be decoded or whose session is
 * missing. Changes nothing.
 */
public final class StoreCheck {

    static {
        RocksDB.loadLibrary();
    }

    private StoreCheck() {
    }

    /**
     * The outcome of a check.
     *
     * @param counts   records per column family, by family name
     * @param problems one line per problem; empty when the store is sound
     */
    public record Report(Map<String, Long> counts, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks the store in {@code dir}.
     *
     * @throws StoreException if the directory holds no store or RocksDB cannot open it (e.g. corrupt files)
     */
    public static Report run(Path dir) {
        if (!Files.isDirectory(dir) || !Files.exists(dir.resolve("CURRENT"))) {
            throw new StoreException("no durable store in " + dir);
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions(); ColumnFamilyOptions cfOptions = new ColumnFamilyOptions()) {
            RocksDB db;
            try {
                db = RocksDB.openReadOnly(options, dir.toString(), ColumnFamilies.descriptors(cfOptions), handles);
            } catch (RocksDBException e) {
                throw new StoreException("durable store " + dir + " cannot be opened: " + e.getMessage(), e);
            }
            try {
                return check(db, handles);
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
                db.close();
            }
        }
    }

    private static Report check(RocksDB db, List<ColumnFamilyHandle> handles) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Set<String> sessions = new HashSet<>();
        try {
            byte[] format = db.get(META.of(handles), FORMAT_KEY);
            if (format == null || format.length != 1 || format[0] != RocksDbDurableState.FORMAT) {
                problems.add("format: expected " + RocksDbDurableState.FORMAT + ", found "
                        + (format == null ? "none" : Recovery.printable(format)));
            }
        } catch (RocksDBException e) {
            problems.add("format: cannot be read: " + e.getMessage());
        }
        for (ColumnFamilies family : ColumnFamilies.values()) {
            if (family == META) {
                continue;
            }
            long n = 0;
            try (RocksIterator it = db.newIterator(family.of(handles))) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    n++;
                    byte[] key = it.key();
                    try {
                        String session = decode(family, key, it.value());
                        if (family == SESSIONS) {
                            sessions.add(session);
                        } else if (session != null && !sessions.contains(session)) {
                            problems.add(family.familyName + " " + Recovery.printable(key)
                                    + ": no session record (dropped at the next start)");
                        }
                    } catch (RecordCodec.CorruptRecordException e) {
                        problems.add(family.familyName + " " + Recovery.printable(key) + ": " + e.getMessage());
                    }
                }
                try {
                    it.status();
                } catch (RocksDBException e) {
                    problems.add(family.familyName + ": read error: " + e.getMessage());
                }
            }
            counts.put(family.familyName, n);
        }
        return new Report(counts, problems);
    }

    /** Decodes one record; returns the session it belongs to, if any. */
    private static String decode(ColumnFamilies family, byte[] key, byte[] value) {
        switch (family) {
            case SESSIONS -> {
                RecordCodec.session(Keys.string(key), value);
                return Keys.string(key);
            }
            case SUBSCRIPTIONS -> {
                String clientId = Keys.clientId(key);
                RecordCodec.subscription(clientId, value);
                return clientId;
            }
            case MESSAGES -> {
                Keys.messageId(key);
                RecordCodec.delivery(value, 1).release();
                return Keys.clientId(key);
            }
            case INFLIGHT -> {
                Keys.messageId(key);
                RecordCodec.inflight(value);
                return Keys.clientId(key);
            }
            case AWAITING_REL -> {
                Keys.packetId(key);
                RecordCodec.marker(value);
                return Keys.clientId(key);
            }
            case RETAINED -> {
                RecordCodec.retained(value).release();
                return null;
            }
            case WILLS -> {
                RecordCodec.will(Keys.string(key), value);
                return null; // kept after its session ended, until published
            }
            default -> {
                return null;
            }
        }
    }
}
