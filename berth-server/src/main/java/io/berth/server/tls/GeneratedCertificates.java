package io.berth.server.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The certificates TLS listeners use out of the box: on the first start a private CA and a server certificate for
 * this host (ECDSA P-256) are written to {@code <data_dir>/certs}; later starts reuse them. Clients trust
 * {@code ca.pem}. Blocking file I/O, done once at startup.
 *
 * @param caFile   {@code certs/ca.pem}
 * @param certFile {@code certs/server.pem}: the server certificate followed by the CA
 * @param keyFile  {@code certs/server.key}, mode 600
 */
public record GeneratedCertificates(Path caFile, Path certFile, Path keyFile) {

    private static final Logger LOG = LoggerFactory.getLogger("event.tls");

    /** Long-lived: a private CA the operator replaces with real certificates (docs/tls.md). */
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(825);

    /** The files under {@code dataDir/certs}, generated now if any is missing. */
    public static GeneratedCertificates ensure(Path dataDir) {
        Path dir = dataDir.resolve("certs");
        GeneratedCertificates files = new GeneratedCertificates(dir.resolve("ca.pem"), dir.resolve("server.pem"),
                dir.resolve("server.key"));
        boolean present = Files.isRegularFile(files.caFile) && Files.isRegularFile(files.certFile)
                && Files.isRegularFile(files.keyFile);
        if (!present) {
            files.generate();
        }
        X509Certificate ca = TlsMaterial.certificates(files.caFile).get(0);
        LOG.info("tls.generated_certificates {} ca={} cert={} key={} ca_sha256={} (clients must trust ca.pem; "
                        + "replace them with your own certificates: docs/tls.md)", present ? "reused" : "created",
                files.caFile, files.certFile, files.keyFile, fingerprint(ca));
        return files;
    }

    private void generate() {
        CertificateAuthority ca = CertificateAuthority.create("Berth private CA " + Instant.now().getEpochSecond(),
                CA_VALIDITY);
        List<String> dns = new ArrayList<>(List.of("localhost"));
        String host = CertificateAuthority.localHostName();
        if (host != null && !dns.contains(host)) {
            dns.add(host);
        }
        Instant now = Instant.now();
        CertificateAuthority.Issued server = ca.issueServer(host == null ? "localhost" : host, dns,
                List.of("127.0.0.1", "::1"), now.minusSeconds(60), now.plus(SERVER_VALIDITY), 0);
        try {
            Pem.write(keyFile, Pem.encodeKey(server.privateKey()), true);
            Pem.write(certFile, Pem.encode(List.of(server.certificate(), ca.certificate())));
            Pem.write(caFile, Pem.encode(List.of(ca.certificate())));
        } catch (IOException e) {
            throw new TlsException("cannot write generated certificates to " + certFile.getParent() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The SHA-256 fingerprint as {@code AB:CD:...}, as {@code openssl x509 -fingerprint -sha256} prints it. */
    public static String fingerprint(X509Certificate cert) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
