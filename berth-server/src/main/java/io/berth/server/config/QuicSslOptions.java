package io.berth.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code ssl_options} of a QUIC listener: the TLS 1.3 material of its handshakes.
 *
 * @param certfile         PEM server certificate chain, or null for the generated certificate
 * @param keyfile          PEM private key of {@code certfile}, or null with {@code certfile}
 * @param cacertfile       PEM CA certificates for client certificates, or null
 * @param verifyPeer       whether clients are asked for a certificate that must chain to {@code cacertfile}
 * @param failIfNoPeerCert whether a client without a certificate is refused (needs {@code verifyPeer})
 */
public record QuicSslOptions(Path certfile, Path keyfile, Path cacertfile, boolean verifyPeer,
                             boolean failIfNoPeerCert) {

    public QuicSslOptions {
        if ((certfile == null) != (keyfile == null)) {
            throw new IllegalArgumentException("certfile and keyfile go together: set both or neither");
        }
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

    /** The generated certificate ({@code node.data_dir}/certs), clients not asked for certificates. */
    public static QuicSslOptions generatedCertificate() {
        return new QuicSslOptions(null, null, null, false, false);
    }

    /** Whether the certificate is the generated one (no certfile/keyfile configured). */
    public boolean generated() {
        return certfile == null;
    }

    /** A copy with these files instead of the generated certificate. */
    public QuicSslOptions withCertificate(Path cert, Path key) {
        return new QuicSslOptions(cert, key, cacertfile, verifyPeer, failIfNoPeerCert);
    }

    /** Mutual TLS: every client must present a certificate issued by a CA in {@code cacertfile}. */
    public QuicSslOptions requireClientCertificates(Path caCerts) {
        return new QuicSslOptions(certfile, keyfile, caCerts, true, true);
    }
}
