package io.berth.testkit;

import io.berth.server.tls.CertificateAuthority;
import io.berth.server.tls.Pem;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Certificates for TLS tests, generated per test run with BouncyCastle (ECDSA P-256, fast) and written as PEM
 * files into a directory: a CA; a server certificate for localhost, 127.0.0.1 and ::1; a client certificate; a
 * revoked client certificate and a CRL revoking it; an expired client certificate; and a client certificate from
 * another, unknown CA. Nothing secret is checked in.
 */
public final class TestCertificates {

    /** A certificate and key written as PEM files. */
    public record Pair(X509Certificate certificate, PrivateKey key, Path certFile, Path keyFile) {
    }

    private final Path dir;
    private final CertificateAuthority ca;
    private final Path caFile;
    private final Pair server;
    private final Pair client;
    private final Pair revokedClient;
    private final Pair expiredClient;
    private final Pair unknownCaClient;
    private final Path crlFile;
    private final Path unknownCaFile;
    private int issued;

    private TestCertificates(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        ca = CertificateAuthority.create("Berth Test CA", Duration.ofDays(2));
        caFile = dir.resolve("ca.pem");
        Pem.write(caFile, Pem.encode(List.of(ca.certificate())));
        server = newServerCertificate();
        Instant now = Instant.now();
        client = write("client", ca.issueClient("client-1", "client-1.example.com", now.minusSeconds(60),
                now.plus(Duration.ofDays(1))));
        revokedClient = write("revoked", ca.issueClient("revoked-1", null, now.minusSeconds(60),
                now.plus(Duration.ofDays(1))));
        expiredClient = write("expired", ca.issueClient("expired-1", null, now.minus(Duration.ofDays(3)),
                now.minus(Duration.ofDays(1))));
        crlFile = dir.resolve("ca.crl");
        Pem.write(crlFile, Pem.encode(List.of(ca.crl(List.of(revokedClient.certificate()), Duration.ofDays(1)))));
        CertificateAuthority other = CertificateAuthority.create("Unknown CA", Duration.ofDays(2));
        unknownCaFile = dir.resolve("unknown-ca.pem");
        Pem.write(unknownCaFile, Pem.encode(List.of(other.certificate())));
        unknownCaClient = write("unknown-ca-client", other.issueClient("stranger", null, now.minusSeconds(60),
                now.plus(Duration.ofDays(1))));
    }

    /** Generates a fresh set into {@code dir} (created if needed). */
    public static TestCertificates create(Path dir) {
        try {
            return new TestCertificates(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new server certificate (new serial) from the same CA, written to new files. */
    public Pair newServerCertificate() {
        Instant now = Instant.now();
        return write("server-" + issued++, ca.issueServer("localhost", List.of("localhost"),
                List.of("127.0.0.1", "::1"), now.minusSeconds(60), now.plus(Duration.ofDays(1)), 0));
    }

    /** A new valid client certificate from the test CA with this Common Name. */
    public Pair newClientCertificate(String commonName) {
        Instant now = Instant.now();
        return write("client-" + issued++, ca.issueClient(commonName, null, now.minusSeconds(60),
                now.plus(Duration.ofDays(1))));
    }

    /**
     * Rewrites {@link #crlFile()} so that it revokes {@link #revokedClient()} and these certificates too, as an
     * operator publishing a new CRL would.
     */
    public void revokeInCrl(Pair... more) {
        List<X509Certificate> revoked = new java.util.ArrayList<>(List.of(revokedClient.certificate()));
        for (Pair p : more) {
            revoked.add(p.certificate());
        }
        try {
            Pem.write(crlFile, Pem.encode(List.of(ca.crl(revoked, Duration.ofDays(1)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server certificate for localhost and 127.0.0.1 that expired a day ago (valid from 3 days ago). */
    public Pair expiredServerCertificate() {
        Instant now = Instant.now();
        return write("expired-server-" + issued++, ca.issueServer("localhost", List.of("localhost"),
                List.of("127.0.0.1", "::1"), now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(1)), 0));
    }

    /** A server certificate naming only {@code dnsName} (no IP address), to test host name checks. */
    public Pair serverCertificateFor(String dnsName) {
        Instant now = Instant.now();
        return write("server-" + dnsName + "-" + issued++, ca.issueServer(dnsName, List.of(dnsName), List.of(),
                now.minusSeconds(60), now.plus(Duration.ofDays(1)), 0));
    }

    /** A server certificate with an RSA key of {@code bits} bits (e.g. 1024, to test that weak keys are refused). */
    public Pair rsaServerCertificate(int bits) {
        Instant now = Instant.now();
        return write("rsa" + bits + "-" + issued++, ca.issueServer("localhost", List.of("localhost"),
                List.of("127.0.0.1"), now.minusSeconds(60), now.plus(Duration.ofDays(1)), bits));
    }

    private Pair write(String name, CertificateAuthority.Issued issued) {
        Path cert = dir.resolve(name + ".pem");
        Path key = dir.resolve(name + ".key");
        try {
            Pem.write(cert, Pem.encode(List.of(issued.certificate())));
            Pem.write(key, Pem.encodeKey(issued.privateKey()), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Pair(issued.certificate(), issued.privateKey(), cert, key);
    }

    public Path dir() {
        return dir;
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    public Path caFile() {
        return caFile;
    }

    public Pair server() {
        return server;
    }

    public Pair client() {
        return client;
    }

    public Pair revokedClient() {
        return revokedClient;
    }

    public Pair expiredClient() {
        return expiredClient;
    }

    /** A client certificate signed by a CA the broker does not trust. */
    public Pair unknownCaClient() {
        return unknownCaClient;
    }

    /** The CA that signed {@link #unknownCaClient()}, for a client that should not trust the broker. */
    public Path unknownCaFile() {
        return unknownCaFile;
    }

    /** A CRL from the test CA revoking {@link #revokedClient()}. */
    public Path crlFile() {
        return crlFile;
    }

    /** Trust managers trusting the test CA only, for TLS clients. */
    public TrustManagerFactory trustManagerFactory() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Key managers presenting {@code pair} as the client certificate. */
    public static KeyManagerFactory keyManagerFactory(Pair pair) {
        try {
            char[] pw = "test".toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", pair.key(), pw, new X509Certificate[]{pair.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            return kmf;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
