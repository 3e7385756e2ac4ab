package io.berth.server.config;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One {@code listeners.tcp.<name> { ... }} block.
 *
 * @param name           the listener's name, e.g. {@code default}; matches {@link ConfigKeys#LISTENER_NAME}
 * @param enabled        whether the broker starts it
 * @param host           address to bind, without brackets for IPv6 (e.g. {@code 0.0.0.0}, {@code ::1})
 * @param port           port to bind; 0 picks a free one
 * @param maxConnections most connections open at once; {@link Integer#MAX_VALUE} means no limit
 * @param proxyProtocol  whether connections start with a PROXY protocol header
 */
public record TcpListenerConfig(String name, boolean enabled, String host, int port, int maxConnections,
                                ProxyProtocolConfig proxyProtocol) implements ListenerSettings {

    /** Default of {@code max_connections}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1_024_000;

    /** A listener without the PROXY protocol. */
    public TcpListenerConfig(String name, boolean enabled, String host, int port, int maxConnections) {
        this(name, enabled, host, port, maxConnections, ProxyProtocolConfig.DISABLED);
    }

    public TcpListenerConfig {
        Objects.requireNonNull(proxyProtocol, "proxyProtocol");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        if (!ConfigKeys.LISTENER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("listener name must match " + ConfigKeys.LISTENER_NAME + ": " + name);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("listener " + name + ": empty host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listener " + name + ": port must be 0..65535, got " + port);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("listener " + name + ": maxConnections must be >= 1");
        }
    }

    /** An enabled listener with the default connection cap. */
    public static TcpListenerConfig of(String name, String host, int port) {
        return new TcpListenerConfig(name, true, host, port, DEFAULT_MAX_CONNECTIONS);
    }

    /** {@code tcp:default}, as in EMQX. */
    @Override
    public String id() {
        return "tcp:" + name;
    }

    /** The bind address as written in the config: {@code host:port}, {@code [::1]:port}. */
    public String bind() {
        return BindAddress.format(host, port);
    }

    /** The address to bind; resolves the host name if it is not a literal address. */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    public TcpListenerConfig withEnabled(boolean on) {
        return new TcpListenerConfig(name, on, host, port, maxConnections, proxyProtocol);
    }

    public TcpListenerConfig withBind(String newHost, int newPort) {
        return new TcpListenerConfig(name, enabled, newHost, newPort, maxConnections, proxyProtocol);
    }

    public TcpListenerConfig withMaxConnections(int max) {
        return new TcpListenerConfig(name, enabled, host, port, max, proxyProtocol);
    }

    public TcpListenerConfig withProxyProtocol(ProxyProtocolConfig proxy) {
        return new TcpListenerConfig(name, enabled, host, port, maxConnections, proxy);
    }
}
