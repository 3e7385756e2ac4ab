package io.berth.store;

import io.berth.core.Message;
import io.berth.core.session.Delivery;
import io.berth.core.store.SessionRecord;
import io.berth.core.store.StoredMessage;
import io.berth.core.store.StoredSession;
import io.berth.core.store.StoredWill;
import io.berth.core.subscription.Subscription;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static io.berth.store.ColumnFamilies.*;

/**
 * Reads the store back at start-up: retained messages, and persistent sessions with their subscriptions, messages
 * and QoS 2 state. Expired sessions and messages, and records whose session is gone, are deleted. A record that
 * cannot be decoded stops start-up with a {@link StoreException} naming the family and the key.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles;
    private final Path dir;
    private final RocksDbDurableState state;
    private long maxMessageId;

    Recovery(RocksDB db, List<ColumnFamilyHandle> handles, Path dir, RocksDbDurableState state) {
        this.db = db;
        this.handles = handles;
        this.dir = dir;
        this.state = state;
    }

    long maxMessageId() {
        return maxMessageId;
    }

    void retained(long now, Consumer<Message> consumer) {
        List<byte[]> expired = new ArrayList<>();
        int[] count = {0};
        scan(RETAINED, (key, value) -> {
            Message m = RecordCodec.retained(value);
            if (m.isExpired(now)) {
                m.release();
                expired.add(key);
            } else {
                count[0]++;
                consumer.accept(m);
            }
        });
        if (!expired.isEmpty()) {
            state.writeNow(b -> {
                for (byte[] k : expired) {
                    b.delete(RETAINED.of(handles), k);
                }
            });
        }
        LOG.info("store.retained_recovered count={} expired={}", count[0], expired.size());
    }

    /** Every stored will; the core decides which are due (their sessions may have ended). */
    List<StoredWill> wills() {
        List<StoredWill> wills = new ArrayList<>();
        scan(WILLS, (key, value) -> wills.add(RecordCodec.will(Keys.string(key), value)));
        return wills;
    }

    List<StoredSession> sessions(long now) {
        Map<String, SessionRecord> records = new LinkedHashMap<>();
        Set<String> expired = new HashSet<>();
        scan(SESSIONS, (key, value) -> {
            SessionRecord r = RecordCodec.session(Keys.string(key), value);
            if (isExpired(r, now)) {
                expired.add(r.clientId());
            } else {
                records.put(r.clientId(), r);
            }
        });
        List<byte[][]> orphans = new ArrayList<>(); // {family ordinal, key}
        Map<String, List<Subscription>> subscriptions = new HashMap<>();
        scan(SUBSCRIPTIONS, (key, value) -> {
            String clientId = Keys.clientId(key);
            if (keep(clientId, records, expired, SUBSCRIPTIONS, key, orphans)) {
                subscriptions.computeIfAbsent(clientId, k -> new ArrayList<>())
                        .add(RecordCodec.subscription(clientId, value));
            }
        });
        Map<String, TreeMap<Long, Integer>> inflight = new HashMap<>();
        scan(INFLIGHT, (key, value) -> {
            String clientId = Keys.clientId(key);
            if (keep(clientId, records, expired, INFLIGHT, key, orphans)) {
                inflight.computeIfAbsent(clientId, k -> new TreeMap<>()).put(Keys.messageId(key),
                        RecordCodec.inflight(value));
            }
        });
        Map<String, TreeMap<Long, StoredMessage>> messages = new HashMap<>();
        scan(MESSAGES, (key, value) -> {
            String clientId = Keys.clientId(key);
            long id = Keys.messageId(key);
            maxMessageId = Math.max(maxMessageId, id);
            if (keep(clientId, records, expired, MESSAGES, key, orphans)) {
                Integer sent = inflight.getOrDefault(clientId, new TreeMap<>()).remove(id);
                Delivery d = RecordCodec.delivery(value, id);
                messages.computeIfAbsent(clientId, k -> new TreeMap<>())
                        .put(id, new StoredMessage(id, d, sent == null ? 0 : sent, false));
            }
        });
        inflight.forEach((clientId, left) -> left.forEach((id, packet) -> {
            maxMessageId = Math.max(maxMessageId, id);
            if (packet < 0) { // released: only PUBREL is left to send
                messages.computeIfAbsent(clientId, k -> new TreeMap<>())
                        .put(id, new StoredMessage(id, null, -packet, true));
            } else {
                orphans.add(new byte[][] {{(byte) INFLIGHT.ordinal()}, Keys.message(clientId, id)});
            }
        }));
        Map<String, Set<Integer>> awaiting = new HashMap<>();
        scan(AWAITING_REL, (key, value) -> {
            String clientId = Keys.clientId(key);
            RecordCodec.marker(value);
            if (keep(clientId, records, expired, AWAITING_REL, key, orphans)) {
                awaiting.computeIfAbsent(clientId, k -> new HashSet<>()).add(Keys.packetId(key));
            }
        });
        cleanUp(expired, orphans);
        List<StoredSession> result = new ArrayList<>(records.size());
        for (SessionRecord r : records.values()) {
            String id = r.clientId();
            result.add(new StoredSession(r, subscriptions.getOrDefault(id, List.of()),
                    new ArrayList<>(messages.getOrDefault(id, new TreeMap<>()).values()),
                    awaiting.getOrDefault(id, Set.of())));
        }
        LOG.info("store.sessions_recovered count={} expired={} orphan_records={}", result.size(), expired.size(),
                orphans.size());
        return result;
    }

    static boolean isExpired(SessionRecord r, long now) {
        long expiry = r.expiryIntervalSeconds();
        return expiry != io.berth.core.session.Session.NEVER_EXPIRES && r.disconnectedAtMillis() != 0
                && r.disconnectedAtMillis() + expiry * 1000 <= now;
    }

    private static boolean keep(String clientId, Map<String, SessionRecord> records, Set<String> expired,
                                ColumnFamilies family, byte[] key, List<byte[][]> orphans) {
        if (records.containsKey(clientId)) {
            return true;
        }
        if (!expired.contains(clientId)) {
            orphans.add(new byte[][] {{(byte) family.ordinal()}, key});
        }
        return false;
    }

    private void cleanUp(Set<String> expired, List<byte[][]> orphans) {
        if (expired.isEmpty() && orphans.isEmpty()) {
            return;
        }
        state.writeNow(b -> {
            for (String clientId : expired) {
                state.deleteSession(b, clientId);
            }
            for (byte[][] o : orphans) {
                b.delete(ColumnFamilies.values()[o[0][0]].of(handles), o[1]);
            }
        });
        for (String clientId : expired) {
            LOG.info("session.expired clientId={} while the broker was stopped", clientId);
        }
    }

    private void scan(ColumnFamilies family, BiConsumer<byte[], byte[]> visitor) {
        try (RocksIterator it = db.newIterator(family.of(handles))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] key = it.key();
                try {
                    visitor.accept(key, it.value());
                } catch (RecordCodec.CorruptRecordException e) {
                    throw new StoreException("durable store " + dir + " holds a record it cannot read (family "
                            + family.familyName + ", key " + printable(key) + "): " + e.getMessage()
                            + ". Check it with: berth store check --dir " + dir, e);
                }
            }
            it.status();
        } catch (org.rocksdb.RocksDBException e) {
            throw RocksDbDurableState.openFailure(dir, e);
        }
    }

    static String printable(byte[] key) {
        StringBuilder sb = new StringBuilder();
        for (byte b : key) {
            int c = b & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.toString();
    }
}
