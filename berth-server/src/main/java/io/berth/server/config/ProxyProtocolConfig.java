package io.berth.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A listener's {@code proxy_protocol} and {@code proxy_protocol_timeout}: whether each connection starts with a PROXY
 * protocol v1 or v2 header from a load balancer, which then gives the client's real address.
 *
 * @param enabled whether the header is required (a connection without one is closed)
 * @param timeout how long the broker waits for the header after accept
 */
public record ProxyProtocolConfig(boolean enabled, Duration timeout) {

    /** Default of {@code proxy_protocol_timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    /** No PROXY protocol: the socket's peer is the client. */
    public static final ProxyProtocolConfig DISABLED = new ProxyProtocolConfig(false, DEFAULT_TIMEOUT);

    public ProxyProtocolConfig {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("proxy_protocol_timeout must be positive");
        }
    }

    /** The header is required, within {@code timeout}. */
    public static ProxyProtocolConfig required(Duration timeout) {
        return new ProxyProtocolConfig(true, timeout);
    }
}
