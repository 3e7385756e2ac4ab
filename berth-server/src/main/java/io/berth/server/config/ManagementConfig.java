package io.berth.server.config;

import java.util.Objects;

/**
 * The {@code dashboard.listeners.http} block: the local management HTTP endpoint (listeners API today; the REST API,
 * metrics and dashboard later). It has no authentication yet, so it binds to loopback by default.
 *
 * @param enabled whether the broker starts the endpoint
 * @param host    address to bind, without brackets for IPv6
 * @param port    port to bind; 0 picks a free one
 */
public record ManagementConfig(boolean enabled, String host, int port) {

    /** Default of {@code dashboard.listeners.http.bind}. */
    public static final int DEFAULT_PORT = 18083;

    public ManagementConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("management endpoint: empty host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("management endpoint: port must be 0..65535, got " + port);
        }
    }

    /** No management endpoint. */
    public static ManagementConfig disabled() {
        return new ManagementConfig(false, "127.0.0.1", DEFAULT_PORT);
    }

    /** An enabled endpoint on {@code host:port}. */
    public static ManagementConfig on(String host, int port) {
        return new ManagementConfig(true, host, port);
    }

    /** The bind address as written in the config. */
    public String bind() {
        return BindAddress.format(host, port);
    }
}
