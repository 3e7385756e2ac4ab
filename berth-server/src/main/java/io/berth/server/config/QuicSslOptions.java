package io.berth.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code ssl_options} of a QUIC listener: the TLS 1.3 material of its handshakes.
 *
 * @param certfile         PEM server certificate chain
 * @param keyfile          PEM private key of {@code certfile}
 * @param cacertfile       PEM CA certificates for client certificates, or null
 * @param verifyPeer       whether clients are asked for a certificate that must chain to {@code cacertfile}
 * @param failIfNoPeerCert whether a client without a certificate is refused (needs {@code verifyPeer})
 */
public record QuicSslOptions(Path certfile, Path keyfile, Path cacertfile, boolean verifyPeer,
                             boolean failIfNoPeerCert) {

    public QuicSslOptions {
        Objects.requireNonNull(certfile, "certfile");
        Objects.requireNonNull(keyfile, "keyfile");
        if (verifyPeer && cacertfile == null) {
            throw new IllegalArgumentException("verify_peer needs a cacertfile");
        }
        if (failIfNoPeerCert && !verifyPeer) {
            throw new IllegalArgumentException("fail_if_no_peer_cert needs verify_peer");
        }
    }

    /** Server certificate and key, clients not asked for certificates. */
    public static QuicSslOptions of(Path certfile, Path keyfile) {
        return new QuicSslOptions(certfile, keyfile, null, false, false);
    }

    /** Mutual TLS: every client must present a certificate issued by a CA in {@code cacertfile}. */
    public QuicSslOptions requireClientCertificates(Path caCerts) {
        return new QuicSslOptions(certfile, keyfile, caCerts, true, true);
    }
}
