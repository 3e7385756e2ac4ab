package io.berth.server.config;

import java.nio.file.Path;

/**
 * TLS settings of an outgoing HTTPS client (the HTTP authenticator, a JWKS endpoint): EMQX's {@code ssl { ... }}
 * block of those clients.
 *
 * @param enabled    whether these settings apply (the URL must then be {@code https://}); off: the JDK's defaults
 * @param cacertfile PEM file of the CAs the server's certificate must chain to, or null for the JDK's trust store
 * @param verifyPeer whether the server's certificate and name are checked ({@code verify_peer}); never turn it off
 *                   beyond a test bench
 * @param serverName the name sent as SNI and checked against the certificate instead of the URL's host, or null
 */
public record ClientSslOptions(boolean enabled, Path cacertfile, boolean verifyPeer, String serverName) {

    /** The JDK's defaults: its trust store, the URL's host. */
    public static final ClientSslOptions DEFAULTS = new ClientSslOptions(false, null, true, null);

    /** Verify the server against the CAs in {@code caFile}. */
    public static ClientSslOptions trusting(Path caFile) {
        return new ClientSslOptions(true, caFile, true, null);
    }

    public ClientSslOptions withServerName(String name) {
        return new ClientSslOptions(enabled, cacertfile, verifyPeer, name);
    }
}
