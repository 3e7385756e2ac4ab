package io.berth.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code dashboard.listeners.https} block: the management endpoint over TLS, with the broker's server TLS
 * machinery (TLS 1.3 and 1.2, the default cipher suites). Off by default.
 *
 * @param host     address to bind, without brackets for IPv6
 * @param port     port to bind; 0 picks a free one
 * @param certfile PEM certificate chain
 * @param keyfile  PEM private key
 */
public record ManagementHttpsConfig(String host, int port, Path certfile, Path keyfile) {

    /** Default port of {@code dashboard.listeners.https.bind}, as EMQX's. */
    public static final int DEFAULT_PORT = 18084;

    public ManagementHttpsConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(certfile, "certfile");
        Objects.requireNonNull(keyfile, "keyfile");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("management https: port must be 0..65535, got " + port);
        }
    }

    /** The bind address as written in the config. */
    public String bind() {
        return BindAddress.format(host, port);
    }

    /** The TLS options of the listener: the broker's defaults with this certificate. */
    public SslOptions sslOptions() {
        return SslOptions.defaults().withCertificate(certfile, keyfile, null);
    }
}
