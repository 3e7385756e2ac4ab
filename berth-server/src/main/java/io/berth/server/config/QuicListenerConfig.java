package io.berth.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * One {@code listeners.quic.<name> { ... }} block: MQTT over QUIC (ALPN {@code mqtt}, TLS 1.3).
 *
 * @param name           the listener's name, e.g. {@code default}; matches {@link ConfigKeys#LISTENER_NAME}
 * @param enabled        whether the broker starts it
 * @param host           UDP address to bind, without brackets for IPv6
 * @param port           UDP port to bind; 0 picks a free one
 * @param maxConnections most QUIC connections open at once; {@link Integer#MAX_VALUE} means no limit
 * @param idleTimeout    floor of the QUIC idle timeout announced to clients
 * @param ssl            the TLS material
 */
public record QuicListenerConfig(String name, boolean enabled, String host, int port, int maxConnections,
                                 Duration idleTimeout, QuicSslOptions ssl) implements ListenerSettings {

    /** Default of {@code idle_timeout}. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(15);

    public QuicListenerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(ssl, "ssl");
        if (!ConfigKeys.LISTENER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("listener name must match " + ConfigKeys.LISTENER_NAME + ": " + name);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("quic listener " + name + ": empty host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("quic listener " + name + ": port must be 0..65535, got " + port);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("quic listener " + name + ": maxConnections must be >= 1");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("quic listener " + name + ": idleTimeout must be positive");
        }
    }

    /** An enabled listener with the default connection cap and idle timeout. */
    public static QuicListenerConfig of(String name, String host, int port, QuicSslOptions ssl) {
        return new QuicListenerConfig(name, true, host, port, TcpListenerConfig.DEFAULT_MAX_CONNECTIONS,
                DEFAULT_IDLE_TIMEOUT, ssl);
    }

    /** "quic:default", the listener's id in logs and the broker's listener list. */
    public String id() {
        return "quic:" + name;
    }

    /** The bind address as written in the config. */
    public String bind() {
        return BindAddress.format(host, port);
    }

    @Override
    public QuicListenerConfig withBind(String newHost, int newPort) {
        return new QuicListenerConfig(name, enabled, newHost, newPort, maxConnections, idleTimeout, ssl);
    }

    @Override
    public QuicListenerConfig withEnabled(boolean on) {
        return new QuicListenerConfig(name, on, host, port, maxConnections, idleTimeout, ssl);
    }

    @Override
    public QuicListenerConfig withMaxConnections(int max) {
        return new QuicListenerConfig(name, enabled, host, port, max, idleTimeout, ssl);
    }

    public QuicListenerConfig withIdleTimeout(Duration timeout) {
        return new QuicListenerConfig(name, enabled, host, port, maxConnections, timeout, ssl);
    }

    public QuicListenerConfig withSsl(QuicSslOptions options) {
        return new QuicListenerConfig(name, enabled, host, port, maxConnections, idleTimeout, options);
    }
}
