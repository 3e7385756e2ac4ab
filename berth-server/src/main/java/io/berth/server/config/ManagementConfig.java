package io.berth.server.config;

import java.util.Objects;

/**
 * The {@code dashboard.listeners.http} block: the management HTTP endpoint (REST API, metrics, dashboard), with the
 * {@code dashboard} settings of who may use it. It binds to loopback by default.
 *
 * @param enabled whether the broker starts the endpoint
 * @param host    address to bind, without brackets for IPv6
 * @param port    port to bind; 0 picks a free one
 * @param auth    accounts, tokens and login throttling
 * @param https   the {@code dashboard.listeners.https} endpoint, or null when off
 */
public record ManagementConfig(boolean enabled, String host, int port, ManagementAuthConfig auth,
                               ManagementHttpsConfig https) {

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
        Objects.requireNonNull(auth, "auth");
    }

    /** An endpoint with the default {@link ManagementAuthConfig} and no HTTPS. */
    public ManagementConfig(boolean enabled, String host, int port) {
        this(enabled, host, port, ManagementAuthConfig.defaults(), null);
    }

    /** A copy with other account and token settings. */
    public ManagementConfig withAuth(ManagementAuthConfig newAuth) {
        return new ManagementConfig(enabled, host, port, newAuth, https);
    }

    /** A copy that also serves HTTPS (null: not). */
    public ManagementConfig withHttps(ManagementHttpsConfig newHttps) {
        return new ManagementConfig(enabled, host, port, auth, newHttps);
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
