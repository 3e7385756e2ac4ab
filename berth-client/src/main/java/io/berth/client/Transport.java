package io.berth.client;

import java.util.Locale;

/** How a client reaches the server: the URL scheme, its default port, and whether TLS and WebSocket are used. */
public enum Transport {
    /** {@code mqtt://}: MQTT over plain TCP. */
    TCP("mqtt", 1883, false, false),
    /** {@code mqtts://}: MQTT over TLS. */
    TLS("mqtts", 8883, true, false),
    /** {@code ws://}: MQTT over WebSocket (subprotocol {@code mqtt}). */
    WS("ws", 8083, false, true),
    /** {@code wss://}: MQTT over WebSocket over TLS. */
    WSS("wss", 8084, true, true),
    /** {@code quic://}: MQTT on one bidirectional QUIC stream (TLS 1.3 inside QUIC, ALPN {@code mqtt}). */
    QUIC("quic", 14567, true, false);

    private final String scheme;
    private final int defaultPort;
    private final boolean tls;
    private final boolean webSocket;

    Transport(String scheme, int defaultPort, boolean tls, boolean webSocket) {
        this.scheme = scheme;
        this.defaultPort = defaultPort;
        this.tls = tls;
        this.webSocket = webSocket;
    }

    public String scheme() {
        return scheme;
    }

    /** 1883, 8883, 8083, 8084 and 14567 (the ports EMQX uses). */
    public int defaultPort() {
        return defaultPort;
    }

    public boolean tls() {
        return tls;
    }

    public boolean webSocket() {
        return webSocket;
    }

    /** The transport of a URL scheme, or {@code null} when there is none. */
    public static Transport ofScheme(String scheme) {
        String s = scheme.toLowerCase(Locale.ROOT);
        for (Transport t : values()) {
            if (t.scheme.equals(s)) {
                return t;
            }
        }
        return null;
    }
}
