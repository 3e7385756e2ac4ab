package io.berth.store;

import io.berth.codec.MqttProperties;
import io.berth.codec.UserProperty;
import io.berth.core.Message;
import io.berth.core.session.Delivery;
import io.berth.codec.Will;
import io.berth.core.store.SessionRecord;
import io.berth.core.store.StoredWill;
import io.berth.core.subscription.Subscription;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The binary encoding of stored values (docs/durability.md describes it). Every value starts with a format version
 * byte, {@link #VERSION}; integers are big-endian, a string is a 4-byte length (-1 for null) and UTF-8 bytes.
 * A value that cannot be decoded throws {@link CorruptRecordException}.
 */
final class RecordCodec {

    /** The version byte every value starts with. */
    static final byte VERSION = 1;

    private static final int PFI = 1;
    private static final int CONTENT_TYPE = 2;
    private static final int RESPONSE_TOPIC = 4;
    private static final int CORRELATION = 8;

    private RecordCodec() {
    }

    /** version, qos, flags (1 = retain), original qos, expiresAt, receivedAt, topic, publisher, properties,
     * subscription ids, payload. */
    static byte[] delivery(Delivery d) {
        Message m = d.message();
        Writer w = new Writer(64 + m.topic().length() + m.payload().readableBytes());
        w.b(VERSION).b(d.qos()).b(d.retain() ? 1 : 0).b(m.qos()).l(m.expiresAtMillis()).l(m.receivedAtMillis())
                .s(m.topic()).s(m.publisherClientId());
        properties(w, m.properties());
        w.i(d.subscriptionIds().length);
        for (int id : d.subscriptionIds()) {
            w.i(id);
        }
        byte[] payload = new byte[m.payload().readableBytes()];
        m.payload().getBytes(m.payload().readerIndex(), payload);
        w.bytes(payload);
        return w.toArray();
    }

    static Delivery delivery(byte[] value, long storedId) {
        Reader r = new Reader(value);
        int qos = r.b();
        boolean retain = r.b() == 1;
        int messageQos = r.b();
        long expiresAt = r.l();
        long receivedAt = r.l();
        String topic = r.s();
        String publisher = r.s();
        MqttProperties props = properties(r);
        int[] ids = new int[r.count(4)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = r.i();
        }
        byte[] payload = r.bytes();
        r.end();
        Message m = new Message(topic, messageQos, retain, Unpooled.wrappedBuffer(payload), props, expiresAt,
                publisher, receivedAt);
        return new Delivery(m.with(qos, retain), qos, retain, ids.length == 0 ? Delivery.NO_IDS : ids, storedId);
    }

    /** A retained message: the delivery encoding at the message's own QoS, retain set, no subscription ids. */
    static byte[] retained(Message m) {
        return delivery(new Delivery(m, m.qos(), true, Delivery.NO_IDS));
    }

    static Message retained(byte[] value) {
        return delivery(value, Delivery.NOT_STORED).message();
    }

    /** version, expiry interval, protocol level, disconnected at. */
    static byte[] session(SessionRecord s) {
        return new Writer(18).b(VERSION).l(s.expiryIntervalSeconds()).b(s.protocolLevel())
                .l(s.disconnectedAtMillis()).toArray();
    }

    static SessionRecord session(String clientId, byte[] value) {
        Reader r = new Reader(value);
        SessionRecord s = new SessionRecord(clientId, r.l(), r.b(), r.l());
        r.end();
        return s;
    }

    /** version, qos, flags (1 = no local, 2 = retain as published), retain handling, subscription id, share group,
     * topic filter. */
    static byte[] subscription(Subscription s) {
        return new Writer(32 + s.topicFilter().length()).b(VERSION).b(s.qos())
                .b((s.noLocal() ? 1 : 0) | (s.retainAsPublished() ? 2 : 0)).b(s.retainHandling())
                .i(s.subscriptionId()).s(s.shareGroup()).s(s.topicFilter()).toArray();
    }

    static Subscription subscription(String clientId, byte[] value) {
        Reader r = new Reader(value);
        int qos = r.b();
        int flags = r.b();
        int retainHandling = r.b();
        int id = r.i();
        String group = r.s();
        String filter = r.s();
        r.end();
        try {
            return new Subscription(clientId, filter, qos, (flags & 1) != 0, (flags & 2) != 0, retainHandling, id,
                    group);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CorruptRecordException("invalid subscription: " + e.getMessage());
        }
    }

    /** version, packet id, released (0/1). */
    static byte[] inflight(int packetId, boolean released) {
        return new Writer(8).b(VERSION).i(packetId).b(released ? 1 : 0).toArray();
    }

    /** The packet id, negative when released. */
    static int inflight(byte[] value) {
        Reader r = new Reader(value);
        int packetId = r.i();
        boolean released = r.b() == 1;
        r.end();
        if (packetId < 1 || packetId > 65535) {
            throw new CorruptRecordException("packet identifier out of range: " + packetId);
        }
        return released ? -packetId : packetId;
    }

    /** version, delay seconds, due at ms (0 = armed), qos, retain, message expiry seconds (-1 none), topic,
     * properties, payload. */
    static byte[] will(StoredWill s) {
        Will w = s.will();
        Long expiry = w.properties().messageExpiryInterval();
        Writer out = new Writer(48 + w.topic().length() + w.payload().length).b(VERSION).l(s.delaySeconds())
                .l(s.dueAtMillis()).b(w.qos()).b(w.retain() ? 1 : 0).l(expiry == null ? -1 : expiry).s(w.topic());
        properties(out, w.properties());
        return out.bytes(w.payload()).toArray();
    }

    static StoredWill will(String clientId, byte[] value) {
        Reader r = new Reader(value);
        long delay = r.l();
        long dueAt = r.l();
        int qos = r.b();
        boolean retain = r.b() == 1;
        long expiry = r.l();
        String topic = r.s();
        MqttProperties props = properties(r);
        byte[] payload = r.bytes();
        r.end();
        if (topic == null || qos < 0 || qos > 2) {
            throw new CorruptRecordException("invalid will: topic " + topic + ", qos " + qos);
        }
        MqttProperties.Builder b = MqttProperties.builder().payloadFormatIndicator(props.payloadFormatIndicator())
                .contentType(props.contentType()).responseTopic(props.responseTopic())
                .correlationData(props.correlationData()).messageExpiryInterval(expiry < 0 ? null : expiry)
                .willDelayInterval(delay);
        props.userProperties().forEach(u -> b.addUserProperty(u.name(), u.value()));
        return new StoredWill(clientId, new Will(topic, payload, qos, retain, b.build()), delay, dueAt);
    }

    static byte[] marker() {
        return new byte[] {VERSION};
    }

    static void marker(byte[] value) {
        new Reader(value).end();
    }

    private static void properties(Writer w, MqttProperties p) {
        int flags = (p.payloadFormatIndicator() != null ? PFI : 0) | (p.contentType() != null ? CONTENT_TYPE : 0)
                | (p.responseTopic() != null ? RESPONSE_TOPIC : 0) | (p.correlationData() != null ? CORRELATION : 0);
        w.b(flags);
        if (p.payloadFormatIndicator() != null) {
            w.b(p.payloadFormatIndicator());
        }
        if (p.contentType() != null) {
            w.s(p.contentType());
        }
        if (p.responseTopic() != null) {
            w.s(p.responseTopic());
        }
        if (p.correlationData() != null) {
            w.bytes(p.correlationData());
        }
        w.i(p.userProperties().size());
        for (UserProperty u : p.userProperties()) {
            w.s(u.name()).s(u.value());
        }
    }

    private static MqttProperties properties(Reader r) {
        int flags = r.b();
        MqttProperties.Builder b = MqttProperties.builder();
        if ((flags & PFI) != 0) {
            b.payloadFormatIndicator(r.b());
        }
        if ((flags & CONTENT_TYPE) != 0) {
            b.contentType(r.s());
        }
        if ((flags & RESPONSE_TOPIC) != 0) {
            b.responseTopic(r.s());
        }
        if ((flags & CORRELATION) != 0) {
            b.correlationData(r.bytes());
        }
        int n = r.count(8);
        if (flags == 0 && n == 0) {
            return MqttProperties.EMPTY;
        }
        for (int i = 0; i < n; i++) {
            b.addUserProperty(r.s(), r.s());
        }
        return b.build();
    }

    /** Thrown for a value that is not in the format this version writes. */
    static final class CorruptRecordException extends RuntimeException {
        CorruptRecordException(String message) {
            super(message);
        }
    }

    private static final class Writer {
        private ByteBuffer buf;

        Writer(int capacity) {
            buf = ByteBuffer.allocate(Math.max(16, capacity));
        }

        private void room(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n));
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        Writer b(int v) {
            room(1);
            buf.put((byte) v);
            return this;
        }

        Writer i(int v) {
            room(4);
            buf.putInt(v);
            return this;
        }

        Writer l(long v) {
            room(8);
            buf.putLong(v);
            return this;
        }

        Writer s(String v) {
            if (v == null) {
                return i(-1);
            }
            return bytes(v.getBytes(StandardCharsets.UTF_8));
        }

        Writer bytes(byte[] v) {
            i(v.length);
            room(v.length);
            buf.put(v);
            return this;
        }

        byte[] toArray() {
            byte[] out = new byte[buf.position()];
            buf.flip();
            buf.get(out);
            return out;
        }
    }

    private static final class Reader {
        private final ByteBuffer buf;

        Reader(byte[] value) {
            buf = ByteBuffer.wrap(value);
            int version = b();
            if (version != VERSION) {
                throw new CorruptRecordException("unknown record format version " + version + " (this broker reads "
                        + VERSION + ")");
            }
        }

        private void need(int n) {
            if (buf.remaining() < n) {
                throw new CorruptRecordException("record truncated at byte " + buf.position());
            }
        }

        int b() {
            need(1);
            return buf.get() & 0xFF;
        }

        int i() {
            need(4);
            return buf.getInt();
        }

        long l() {
            need(8);
            return buf.getLong();
        }

        /** A non-negative count of items at least {@code minSize} bytes each that must fit in what is left. */
        int count(int minSize) {
            int n = i();
            if (n < 0 || (long) n * minSize > buf.remaining()) {
                throw new CorruptRecordException("invalid count " + n + " at byte " + (buf.position() - 4));
            }
            return n;
        }

        String s() {
            int n = i();
            if (n == -1) {
                return null;
            }
            if (n < 0 || n > buf.remaining()) {
                throw new CorruptRecordException("invalid string length " + n + " at byte " + (buf.position() - 4));
            }
            String v = new String(buf.array(), buf.position(), n, StandardCharsets.UTF_8);
            buf.position(buf.position() + n);
            return v;
        }

        byte[] bytes() {
            int n = i();
            if (n < 0 || n > buf.remaining()) {
                throw new CorruptRecordException("invalid length " + n + " at byte " + (buf.position() - 4));
            }
            byte[] v = new byte[n];
            buf.get(v);
            return v;
        }

        void end() {
            if (buf.hasRemaining()) {
                throw new CorruptRecordException(buf.remaining() + " unexpected bytes at the end of the record");
            }
        }
    }
}
