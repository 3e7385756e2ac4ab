package io.berth.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@code ssl_options { ... }} block of an {@code ssl} or {@code wss} listener. Files are absolute paths, or
 * null when not configured.
 *
 * @param certfile         the server certificate chain (PEM), leaf first; null with {@code keyfile} null means
 *                         "use the certificates generated under {@code node.data_dir}/certs"
 * @param keyfile          the server's private key (PEM: PKCS#8, PKCS#1 or SEC1, optionally encrypted)
 * @param password         the password of an encrypted {@code keyfile}, or null
 * @param cacertfile       CA certificates (PEM) that client certificates must chain to, or null
 * @param verifyPeer       whether the server asks clients for a certificate and verifies it
 * @param failIfNoPeerCert with {@code verifyPeer}: whether a client without a certificate is refused
 * @param versions         the TLS versions allowed, from {@code tlsv1.3} and {@code tlsv1.2}
 * @param ciphers          TLS 1.2 cipher suites allowed, IANA names (TLS 1.3 suites are always the safe set)
 * @param crlfile          a certificate revocation list (PEM or DER) checked against client certificates, or null
 * @param sniCerts         certificates chosen by the server name a client asks for (SNI); the one above serves
 *                         clients that send no name or an unknown one. Empty: one certificate for all.
 */
public record SslOptions(Path certfile, Path keyfile, String password, Path cacertfile, boolean verifyPeer,
                         boolean failIfNoPeerCert, List<String> versions, List<String> ciphers, Path crlfile,
                         List<SniCertificate> sniCerts) {

    /** The TLS versions Berth speaks; older ones are refused by the config loader. */
    public static final List<String> SUPPORTED_VERSIONS = List.of("tlsv1.3", "tlsv1.2");

    /** Forward-secret AEAD suites only: TLS 1.3's, then ECDHE with AES-GCM or ChaCha20-Poly1305 for TLS 1.2. */
    public static final List<String> DEFAULT_CIPHERS = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    public SslOptions {
        versions = List.copyOf(versions);
        ciphers = List.copyOf(ciphers);
        sniCerts = sniCerts == null ? List.of() : List.copyOf(sniCerts);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (SniCertificate sni : sniCerts) {
            if (!names.add(sni.serverName())) {
                throw new IllegalArgumentException("server_name \"" + sni.serverName() + "\" appears twice in sni_certs");
            }
        }
        if ((certfile == null) != (keyfile == null)) {
            throw new IllegalArgumentException("certfile and keyfile go together: set both or neither");
        }
        if (versions.isEmpty() || !SUPPORTED_VERSIONS.containsAll(versions)) {
            throw new IllegalArgumentException("versions must be from " + SUPPORTED_VERSIONS + ": " + versions);
        }
        if (ciphers.isEmpty()) {
            throw new IllegalArgumentException("ciphers must not be empty");
        }
        if (verifyPeer && cacertfile == null) {
            throw new IllegalArgumentException("verify_peer needs cacertfile: the CA that signs client certificates");
        }
    }

    /** Without SNI certificates. */
    public SslOptions(Path certfile, Path keyfile, String password, Path cacertfile, boolean verifyPeer,
                      boolean failIfNoPeerCert, List<String> versions, List<String> ciphers, Path crlfile) {
        this(certfile, keyfile, password, cacertfile, verifyPeer, failIfNoPeerCert, versions, ciphers, crlfile,
                List.of());
    }

    /** Generated certificates, no client certificates, TLS 1.3 and 1.2, the default ciphers. */
    public static SslOptions defaults() {
        return new SslOptions(null, null, null, null, false, false, SUPPORTED_VERSIONS, DEFAULT_CIPHERS, null);
    }

    /** Whether the certificate is the generated one (no certfile/keyfile configured). */
    public boolean generated() {
        return certfile == null;
    }

    public SslOptions withCertificate(Path cert, Path key, String keyPassword) {
        return new SslOptions(abs(cert), abs(key), keyPassword, cacertfile, verifyPeer, failIfNoPeerCert, versions,
                ciphers, crlfile, sniCerts);
    }

    /** Client certificates signed by {@code caCert} are verified; {@code required} refuses clients without one. */
    public SslOptions withClientCertificates(Path caCert, boolean required) {
        return new SslOptions(certfile, keyfile, password, abs(caCert), true, required, versions, ciphers, crlfile,
                sniCerts);
    }

    public SslOptions withCrl(Path crl) {
        return new SslOptions(certfile, keyfile, password, cacertfile, verifyPeer, failIfNoPeerCert, versions,
                ciphers, abs(crl), sniCerts);
    }

    public SslOptions withVersions(List<String> tlsVersions) {
        return new SslOptions(certfile, keyfile, password, cacertfile, verifyPeer, failIfNoPeerCert, tlsVersions,
                ciphers, crlfile, sniCerts);
    }

    /** Adds certificates chosen by SNI server name. */
    public SslOptions withSniCertificates(List<SniCertificate> certificates) {
        return new SslOptions(certfile, keyfile, password, cacertfile, verifyPeer, failIfNoPeerCert, versions,
                ciphers, crlfile, certificates);
    }

    /** The files whose change should reload the listener's TLS material. */
    public List<Path> files() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(certfile, keyfile, cacertfile, crlfile),
                sniCerts.stream().flatMap(s -> java.util.stream.Stream.of(s.certfile(), s.keyfile())))
                .filter(Objects::nonNull).toList();
    }

    private static Path abs(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }
}
