package io.berth.server.config;

import java.util.Locale;

/** The listener types besides plain {@code tcp}, as named in {@code listeners.<type>.<name>}. */
public enum ListenerType {
    /** MQTT over TLS, default port 8883. */
    SSL(true, false, 8883),
    /** MQTT over WebSocket, default port 8083. */
    WS(false, true, 8083),
    /** MQTT over WebSocket over TLS, default port 8084. */
    WSS(true, true, 8084);

    private final boolean tls;
    private final boolean websocket;
    private final int defaultPort;

    ListenerType(boolean tls, boolean websocket, int defaultPort) {
        this.tls = tls;
        this.websocket = websocket;
        this.defaultPort = defaultPort;
    }

    /** {@code ssl}, {@code ws} or {@code wss}: the config segment and the prefix of listener ids. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean tls() {
        return tls;
    }

    public boolean websocket() {
        return websocket;
    }

    /** The port of the {@code default} listener of this type in {@code reference.conf}. */
    public int defaultPort() {
        return defaultPort;
    }
}
