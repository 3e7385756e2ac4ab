package io.berth.server.pipeline;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.time.Instant;

/**
 * Per-connection facts for the connection log: when it was accepted, bytes and packets both ways. Written and read
 * on the channel's event loop only.
 */
public final class ConnectionStats {

    public static final AttributeKey<ConnectionStats> KEY = AttributeKey.valueOf("berth.connectionStats");

    public final Instant acceptedAt = Instant.now();
    public final long acceptedNanos = System.nanoTime();
    public long bytesIn;
    public long bytesOut;
    public long packetsIn;
    public long packetsOut;
    /** The counters of the listener that accepted the connection, once known (see {@link TrafficCounter}). */
    public io.berth.server.protection.ListenerTraffic listener;
    /** Set when CONNACK accepted the client. */
    public long connectedNanos;

    /** The stats of a channel, or null when the pipeline did not set any. */
    public static ConnectionStats of(Channel channel) {
        return channel.attr(KEY).get();
    }
}
