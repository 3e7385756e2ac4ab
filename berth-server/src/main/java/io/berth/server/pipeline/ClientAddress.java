package io.berth.server.pipeline;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.net.SocketAddress;

/**
 * The client's network address for a channel whose own remote address is not it (a QUIC stream's is the stream
 * id): transports set {@link #KEY} before the channel becomes active; the MQTT handlers read it with {@link #of}.
 */
public final class ClientAddress {

    public static final AttributeKey<SocketAddress> KEY = AttributeKey.valueOf("berth.clientAddress");

    private ClientAddress() {
    }

    /** The address set by the transport, or the channel's remote address. */
    public static SocketAddress of(Channel channel) {
        SocketAddress set = channel.attr(KEY).get();
        return set != null ? set : channel.remoteAddress();
    }
}
