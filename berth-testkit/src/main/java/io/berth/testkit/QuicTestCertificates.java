package io.berth.testkit;

import io.berth.server.config.QuicSslOptions;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * Certificates for QUIC tests, generated with BouncyCastle when created and written as PEM files into a directory:
 * a private CA, a server certificate for {@code localhost} / {@code 127.0.0.1} and a client certificate, all ECDSA
 * P-256, all signed by the CA. Nothing here is a secret that matters. A second instance is a different CA.
 */
public final class QuicTestCertificates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path caCert;
    private final Path serverCert;
    private final Path serverKey;
    private final Path clientCert;
    private final Path clientKey;

    private QuicTestCertificates(Path dir) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        KeyPair ca = keyPair();
        X500Name caName = new X500Name("CN=Berth Test CA " + Long.toHexString(RANDOM.nextLong()));
        X509Certificate caCertificate = sign(caName, caName, ca.getPublic(), ca, true, null);
        KeyPair server = keyPair();
        X509Certificate serverCertificate = sign(new X500Name("CN=localhost"), caName, server.getPublic(), ca, false,
                new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        KeyPair client = keyPair();
        X509Certificate clientCertificate = sign(new X500Name("CN=quic-test-client"), caName, client.getPublic(), ca,
                false, null);
        caCert = write(dir.resolve("ca.pem"), pem("CERTIFICATE", caCertificate.getEncoded()));
        serverCert = write(dir.resolve("server.pem"), pem("CERTIFICATE", serverCertificate.getEncoded()));
        serverKey = write(dir.resolve("server.key"), pem("PRIVATE KEY", server.getPrivate().getEncoded()));
        clientCert = write(dir.resolve("client.pem"), pem("CERTIFICATE", clientCertificate.getEncoded()));
        clientKey = write(dir.resolve("client.key"), pem("PRIVATE KEY", client.getPrivate().getEncoded()));
    }

    /** Generates a fresh CA, server and client certificate into {@code dir} (created if needed). */
    public static QuicTestCertificates generate(Path dir) {
        try {
            return new QuicTestCertificates(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("cannot generate test certificates: " + e, e);
        }
    }

    /** Generates into a new temporary directory. */
    public static QuicTestCertificates generate() {
        try {
            return generate(Files.createTempDirectory("berth-quic-certs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Server certificate and key, no client certificates asked. */
    public QuicSslOptions serverSsl() {
        return QuicSslOptions.of(serverCert, serverKey);
    }

    public Path caCert() {
        return caCert;
    }

    public Path serverCert() {
        return serverCert;
    }

    public Path serverKey() {
        return serverKey;
    }

    public Path clientCert() {
        return clientCert;
    }

    public Path clientKey() {
        return clientKey;
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, X500Name issuer, java.security.PublicKey key,
                                        KeyPair issuerKeys, boolean isCa, GeneralNames altNames)
            throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(isCa
                ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        if (altNames != null) {
            b.addExtension(Extension.subjectAlternativeName, false, altNames);
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static Path write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        return file;
    }
}
