package io.berth.server.pipeline;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.net.SocketAddress;

/**
 * The client's network address for a channel whose own remote address is not it: a QUIC stream's is the stream
 * id, so the transport sets {@link #KEY} before the channel becomes active; behind a WebSocket reverse proxy the
 * upgrade gate sets {@link #FORWARDED} from the configured header. The MQTT handlers read them.
 */
public final class ClientAddress {

    public static final AttributeKey<SocketAddress> KEY = AttributeKey.valueOf("berth.clientAddress");

    /** The address a trusted proxy reported (e.g. the first X-Forwarded-For entry), as text; set before CONNECT. */
    public static final AttributeKey<String> FORWARDED = AttributeKey.valueOf("berth.forwardedClientAddress");

    private ClientAddress() {
    }

    /** The address set by the transport, or the channel's remote address. */
    public static SocketAddress of(Channel channel) {
        SocketAddress set = get(channel, KEY);
        return set != null ? set : channel.remoteAddress();
    }

    /** The address a trusted proxy reported, or null. */
    public static String forwarded(Channel channel) {
        return get(channel, FORWARDED);
    }

    /**
     * An attribute's value, or null; unlike {@code channel.attr(key).get()} it does not add an empty attribute
     * to the channel when there is none (each costs memory for as long as the connection lives).
     */
    static <T> T get(Channel channel, AttributeKey<T> key) {
        return channel.hasAttr(key) ? channel.attr(key).get() : null;
    }
}
