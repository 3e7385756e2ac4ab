package io.berth.client;

import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.Will;
import io.netty.handler.ssl.SslContext;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What one {@link MqttClient} connection uses: where to connect and what its CONNECT says. Immutable; build
 * with {@link #builder(String, int)}.
 */
public final class ClientOptions {

    /** The largest packet MQTT can frame (Remaining Length 268,435,455 plus a 5-byte fixed header). */
    public static final int MAX_PACKET_SIZE = 268_435_460;

    private final String host;
    private final int port;
    private final MqttVersion version;
    private final String clientId;
    private final boolean cleanStart;
    private final int keepAliveSeconds;
    private final String username;
    private final byte[] password;
    private final Will will;
    private final MqttProperties connectProperties;
    private final Duration connectTimeout;
    private final int maxPacketSize;
    private final int maxInflight;
    private final Consumer<String> trace;
    private final Transport transport;
    private final SslContext sslContext;
    private final String webSocketPath;

    private ClientOptions(Builder b) {
        host = b.host;
        port = b.port;
        version = b.version;
        clientId = b.clientId;
        cleanStart = b.cleanStart;
        keepAliveSeconds = b.keepAliveSeconds;
        username = b.username;
        password = b.password;
        will = b.will;
        connectProperties = b.connectProperties;
        connectTimeout = b.connectTimeout;
        maxPacketSize = b.maxPacketSize;
        maxInflight = b.maxInflight;
        trace = b.trace;
        transport = b.transport;
        sslContext = b.sslContext != null || !b.transport.tls() ? b.sslContext
                : b.transport == Transport.QUIC ? ClientTls.quicContext(null, null, null, false)
                : ClientTls.context(null, null, null, false);
        webSocketPath = b.webSocketPath;
    }

    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    public String host() { return host; }
    public int port() { return port; }
    public MqttVersion version() { return version; }
    /** May be empty: the server then assigns one (MQTT 3.1.1 and 5.0, with a clean start). */
    public String clientId() { return clientId; }
    public boolean cleanStart() { return cleanStart; }
    /** 0 turns keepalive off. */
    public int keepAliveSeconds() { return keepAliveSeconds; }
    public String username() { return username; }
    public byte[] password() { return password == null ? null : password.clone(); }
    public Will will() { return will; }
    /** MQTT 5 CONNECT properties (Session Expiry Interval, User Properties...); ignored in 3.x. */
    public MqttProperties connectProperties() { return connectProperties; }
    /** Bounds the TCP connect and, separately, the wait for CONNACK. */
    public Duration connectTimeout() { return connectTimeout; }
    /** The largest packet accepted from the server. */
    public int maxPacketSize() { return maxPacketSize; }
    /** Client-side cap on unacknowledged QoS 1 and 2 publishes; the server's Receive Maximum can lower it. */
    public int maxInflight() { return maxInflight; }
    /** Receives one line per packet sent or received (for {@code -d}), or {@code null}. Called on the event loop. */
    public Consumer<String> trace() { return trace; }
    /** TCP (default), TLS, WebSocket or WebSocket over TLS. */
    public Transport transport() { return transport; }
    /** The TLS context for {@link Transport#tls()} transports (default: system trust store); else {@code null}. */
    public SslContext sslContext() { return sslContext; }
    /** The HTTP path of the WebSocket upgrade (default {@code /mqtt}). */
    public String webSocketPath() { return webSocketPath; }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final String host;
        private final int port;
        private MqttVersion version = MqttVersion.MQTT_5;
        private String clientId = "";
        private boolean cleanStart = true;
        private int keepAliveSeconds = 60;
        private String username;
        private byte[] password;
        private Will will;
        private MqttProperties connectProperties = MqttProperties.EMPTY;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int maxPacketSize = MAX_PACKET_SIZE;
        private int maxInflight = 65_535;
        private Consumer<String> trace;
        private Transport transport = Transport.TCP;
        private SslContext sslContext;
        private String webSocketPath = "/mqtt";

        private Builder(String host, int port) {
            this.host = Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be 1-65535, was " + port);
            }
            this.port = port;
        }

        public Builder version(MqttVersion v) { version = Objects.requireNonNull(v); return this; }
        public Builder clientId(String v) { clientId = Objects.requireNonNull(v); return this; }
        public Builder cleanStart(boolean v) { cleanStart = v; return this; }
        public Builder username(String v) { username = v; return this; }
        public Builder password(byte[] v) { password = v == null ? null : v.clone(); return this; }
        public Builder will(Will v) { will = v; return this; }
        public Builder trace(Consumer<String> v) { trace = v; return this; }
        public Builder transport(Transport v) { transport = Objects.requireNonNull(v); return this; }
        /** See {@link ClientTls#context}, or {@link ClientTls#quicContext} for QUIC; a client context. */
        public Builder sslContext(SslContext v) { sslContext = v; return this; }

        public Builder webSocketPath(String v) {
            if (v == null || !v.startsWith("/")) {
                throw new IllegalArgumentException("a WebSocket path starts with '/', was " + v);
            }
            webSocketPath = v;
            return this;
        }

        public Builder keepAliveSeconds(int v) {
            if (v < 0 || v > 65_535) {
                throw new IllegalArgumentException("keepalive must be 0-65535 seconds, was " + v);
            }
            keepAliveSeconds = v;
            return this;
        }

        public Builder connectProperties(MqttProperties v) {
            connectProperties = v == null ? MqttProperties.EMPTY : v;
            return this;
        }

        public Builder connectTimeout(Duration v) {
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException("connect timeout must be positive, was " + v);
            }
            connectTimeout = v;
            return this;
        }

        public Builder maxPacketSize(int v) {
            if (v < 2) {
                throw new IllegalArgumentException("max packet size must be at least 2, was " + v);
            }
            maxPacketSize = v;
            return this;
        }

        public Builder maxInflight(int v) {
            if (v < 1 || v > 65_535) {
                throw new IllegalArgumentException("max inflight must be 1-65535, was " + v);
            }
            maxInflight = v;
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(this);
        }
    }
}
