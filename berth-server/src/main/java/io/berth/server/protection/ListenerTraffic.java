package io.berth.server.protection;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.util.concurrent.atomic.LongAdder;

/**
 * One listener's counters for the Prometheus meters: connections accepted by its gate, bytes read and written on
 * them. Kept by the listener's {@link ConnectionGate}, so they survive restarts and updates of the listener. Added to
 * from the event loops (LongAdder: no contention between them).
 */
public final class ListenerTraffic {

    /** Set on each connection the gate admits (on a QUIC connection: on the QUIC channel, parent of the stream). */
    public static final AttributeKey<ListenerTraffic> KEY = AttributeKey.valueOf("berth.listenerTraffic");

    private final LongAdder accepted = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();

    /** The counters of the listener that accepted {@code ch}, or null when none are known. */
    public static ListenerTraffic of(Channel ch) {
        ListenerTraffic t = ch.attr(KEY).get();
        if (t == null && ch.parent() != null) {
            t = ch.parent().attr(KEY).get();
        }
        return t;
    }

    void accepted() {
        accepted.increment();
    }

    public void bytesIn(long n) {
        bytesIn.add(n);
    }

    public void bytesOut(long n) {
        bytesOut.add(n);
    }

    public long acceptedTotal() {
        return accepted.sum();
    }

    public long bytesInTotal() {
        return bytesIn.sum();
    }

    public long bytesOutTotal() {
        return bytesOut.sum();
    }
}
