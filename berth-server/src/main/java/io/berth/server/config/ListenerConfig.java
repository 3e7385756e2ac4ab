package io.berth.server.config;

import java.util.Objects;

/**
 * One {@code listeners.ssl|ws|wss.<name> { ... }} block ({@link TcpListenerConfig} is the {@code tcp} one).
 *
 * @param type               ssl, ws or wss
 * @param name               the listener's name; its id is {@code type:name}
 * @param enabled            whether the broker starts it
 * @param host               address to bind, without brackets for IPv6
 * @param port               port to bind; 0 picks a free one
 * @param maxConnections     most connections open at once
 * @param ssl                the TLS options (ssl, wss), null for ws
 * @param websocket          the WebSocket options (ws, wss), null for ssl
 * @param peerCertAsUsername which part of a client certificate replaces the MQTT username (ssl, wss)
 * @param proxyProtocol      whether connections start with a PROXY protocol header
 */
public record ListenerConfig(ListenerType type, String name, boolean enabled, String host, int port,
                             int maxConnections, SslOptions ssl, WebSocketOptions websocket,
                             PeerCertAsUsername peerCertAsUsername, ProxyProtocolConfig proxyProtocol)
        implements ListenerSettings {

    /** A listener without the PROXY protocol. */
    public ListenerConfig(ListenerType type, String name, boolean enabled, String host, int port, int maxConnections,
                          SslOptions ssl, WebSocketOptions websocket, PeerCertAsUsername peerCertAsUsername) {
        this(type, name, enabled, host, port, maxConnections, ssl, websocket, peerCertAsUsername,
                ProxyProtocolConfig.DISABLED);
    }

    public ListenerConfig {
        Objects.requireNonNull(proxyProtocol, "proxyProtocol");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(peerCertAsUsername, "peerCertAsUsername");
        // the name, host, port and cap rules are the tcp listener's
        new TcpListenerConfig(name, enabled, host, port, maxConnections);
        if (type.tls() != (ssl != null)) {
            throw new IllegalArgumentException(type.key() + " listener " + name
                    + (type.tls() ? ": ssl_options required" : ": no ssl_options on a plain listener"));
        }
        if (type.websocket() != (websocket != null)) {
            throw new IllegalArgumentException(type.key() + " listener " + name
                    + (type.websocket() ? ": websocket options required" : ": websocket options on a non-ws one"));
        }
    }

    /** An enabled {@code ssl} listener. */
    public static ListenerConfig ssl(String name, String host, int port, SslOptions ssl) {
        return new ListenerConfig(ListenerType.SSL, name, true, host, port, TcpListenerConfig.DEFAULT_MAX_CONNECTIONS,
                ssl, null, PeerCertAsUsername.DISABLED);
    }

    /** An enabled {@code ws} listener on {@code /mqtt}. */
    public static ListenerConfig ws(String name, String host, int port) {
        return new ListenerConfig(ListenerType.WS, name, true, host, port, TcpListenerConfig.DEFAULT_MAX_CONNECTIONS,
                null, WebSocketOptions.defaults(), PeerCertAsUsername.DISABLED);
    }

    /** An enabled {@code wss} listener on {@code /mqtt}. */
    public static ListenerConfig wss(String name, String host, int port, SslOptions ssl) {
        return new ListenerConfig(ListenerType.WSS, name, true, host, port, TcpListenerConfig.DEFAULT_MAX_CONNECTIONS,
                ssl, WebSocketOptions.defaults(), PeerCertAsUsername.DISABLED);
    }

    /** {@code ssl:default}, as in EMQX. */
    public String id() {
        return type.key() + ":" + name;
    }

    public String bind() {
        return BindAddress.format(host, port);
    }

    public ListenerConfig withEnabled(boolean on) {
        return new ListenerConfig(type, name, on, host, port, maxConnections, ssl, websocket, peerCertAsUsername, proxyProtocol);
    }

    public ListenerConfig withBind(String newHost, int newPort) {
        return new ListenerConfig(type, name, enabled, newHost, newPort, maxConnections, ssl, websocket,
                peerCertAsUsername, proxyProtocol);
    }

    public ListenerConfig withSsl(SslOptions options) {
        return new ListenerConfig(type, name, enabled, host, port, maxConnections, options, websocket,
                peerCertAsUsername, proxyProtocol);
    }

    public ListenerConfig withWebSocket(WebSocketOptions options) {
        return new ListenerConfig(type, name, enabled, host, port, maxConnections, ssl, options, peerCertAsUsername,
                proxyProtocol);
    }

    public ListenerConfig withPeerCertAsUsername(PeerCertAsUsername field) {
        return new ListenerConfig(type, name, enabled, host, port, maxConnections, ssl, websocket, field,
                proxyProtocol);
    }

    public ListenerConfig withMaxConnections(int max) {
        return new ListenerConfig(type, name, enabled, host, port, max, ssl, websocket, peerCertAsUsername,
                proxyProtocol);
    }

    public ListenerConfig withProxyProtocol(ProxyProtocolConfig proxy) {
        return new ListenerConfig(type, name, enabled, host, port, maxConnections, ssl, websocket, peerCertAsUsername,
                proxy);
    }
}
