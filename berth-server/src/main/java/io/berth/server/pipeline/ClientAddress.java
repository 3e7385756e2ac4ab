package io.berth.server.pipeline;

import io.netty.util.AttributeKey;

/** The channel attribute holding the client's address as a trusted proxy reported it (X-Forwarded-For). */
public final class ClientAddress {

    /** Set on the channel's event loop before CONNECT is read; absent when the socket's peer is the client. */
    public static final AttributeKey<String> KEY = AttributeKey.valueOf("berth.clientAddress");

    private ClientAddress() {
    }
}
