package io.berth.store;

import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The column families, one per kind of state, in the order they are opened. */
enum ColumnFamilies {
    /** RocksDB's default family: the store's format version under the key {@code format}. */
    META("default"),
    SESSIONS("sessions"),
    SUBSCRIPTIONS("subscriptions"),
    MESSAGES("messages"),
    INFLIGHT("inflight"),
    AWAITING_REL("awaiting_rel"),
    RETAINED("retained"),
    /** Wills of persistent sessions, keyed by client id; kept after the session ends until published. */
    WILLS("wills");

    /** The families keyed by client id, 0x00, suffix: what a session's deletion clears. */
    static final ColumnFamilies[] SESSION_RANGES = {SUBSCRIPTIONS, MESSAGES, INFLIGHT, AWAITING_REL};

    static final byte[] FORMAT_KEY = "format".getBytes(StandardCharsets.UTF_8);

    final String familyName;

    ColumnFamilies(String familyName) {
        this.familyName = familyName;
    }

    static List<ColumnFamilyDescriptor> descriptors(org.rocksdb.ColumnFamilyOptions options) {
        List<ColumnFamilyDescriptor> list = new ArrayList<>();
        for (ColumnFamilies cf : values()) {
            byte[] name = cf == META ? RocksDB.DEFAULT_COLUMN_FAMILY : cf.familyName.getBytes(StandardCharsets.UTF_8);
            list.add(new ColumnFamilyDescriptor(name, options));
        }
        return list;
    }

    ColumnFamilyHandle of(List<ColumnFamilyHandle> handles) {
        return handles.get(ordinal());
    }
}
