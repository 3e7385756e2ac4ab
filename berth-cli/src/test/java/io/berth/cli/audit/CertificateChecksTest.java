package io.berth.cli.audit;

import io.berth.server.config.BrokerConfig;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.SslOptions;
import io.berth.server.tls.CertificateAuthority;
import io.berth.server.tls.Pem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateChecksTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static CertificateAuthority ca;

    @TempDir
    Path dir;

    @BeforeAll
    static void createCa() {
        ca = CertificateAuthority.create("Audit Test CA", Duration.ofDays(3650));
    }

    /** Writes a server certificate valid from a day before NOW until {@code notAfter}; 0 bits = EC P-256. */
    private Path certificate(String name, Instant notAfter, int rsaBits) throws IOException {
        CertificateAuthority.Issued issued = ca.issueServer("localhost", List.of("localhost"), List.of(),
                NOW.minus(Duration.ofDays(1)), notAfter, rsaBits);
        Path cert = dir.resolve(name + ".pem");
        Pem.write(cert, Pem.encode(List.of(issued.certificate(), ca.certificate())));
        Pem.write(dir.resolve(name + ".key"), Pem.encodeKey(issued.privateKey()), true);
        return cert;
    }

    private List<Finding> audit(Path cert) {
        SslOptions ssl = SslOptions.defaults().withCertificate(cert, cert.resolveSibling(
                cert.getFileName().toString().replace(".pem", ".key")), null);
        BrokerConfig config = BrokerConfig.defaults().withDataDir(dir.resolve("data"))
                .withListeners(List.of(ListenerConfig.ssl("default", "0.0.0.0", 8883, ssl)))
                .withQuicListeners(List.of());
        return new CertificateChecks(Clock.fixed(NOW, ZoneOffset.UTC)).run(config);
    }

    @Test
    void rsa1024_isHigh() throws IOException {
        Path cert = certificate("rsa1024", NOW.plus(Duration.ofDays(365)), 1024);

        assertThat(audit(cert)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.check()).isEqualTo("tls_key_weak");
            assertThat(f.subject()).isEqualTo("ssl:default (" + cert + ")");
            assertThat(f.problem()).contains("RSA key of 1024 bits");
        });
    }

    @Test
    void rsa2048_andEcP256_validForAYear_noFinding() throws IOException {
        assertThat(audit(certificate("rsa2048", NOW.plus(Duration.ofDays(365)), 2048))).isEmpty();
        assertThat(audit(certificate("ec", NOW.plus(Duration.ofDays(365)), 0))).isEmpty();
    }

    @Test
    void expiringWithin30Days_isMedium() throws IOException {
        Path cert = certificate("soon", NOW.plus(Duration.ofDays(10)), 0);

        assertThat(audit(cert)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.check()).isEqualTo("tls_certificate_expiring");
            assertThat(f.problem()).contains("in 10 days");
        });
    }

    @Test
    void expired_isHigh() throws IOException {
        Path cert = certificate("expired", NOW.minus(Duration.ofHours(1)), 0);

        assertThat(audit(cert)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.check()).isEqualTo("tls_certificate_expired");
        });
    }

    @Test
    void unreadableCertfile_isHigh() throws IOException {
        Path cert = dir.resolve("garbage.pem");
        Files.writeString(cert, "not a certificate\n");
        Files.writeString(dir.resolve("garbage.key"), "not a key\n");

        assertThat(audit(cert)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.check()).isEqualTo("tls_certificate_unreadable");
            assertThat(f.problem()).contains(cert.toString());
        });
    }

    @Test
    void generatedCertificate_checkedUnderDataDir_onceForAllListenersUsingIt() throws IOException {
        Path certs = Files.createDirectories(dir.resolve("data").resolve("certs"));
        CertificateAuthority.Issued issued = ca.issueServer("localhost", List.of("localhost"), List.of(),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(5)), 0);
        Pem.write(certs.resolve("server.pem"), Pem.encode(List.of(issued.certificate())));
        BrokerConfig config = BrokerConfig.defaults().withDataDir(dir.resolve("data"));

        List<Finding> findings = new CertificateChecks(Clock.fixed(NOW, ZoneOffset.UTC)).run(config);

        assertThat(findings).extracting(Finding::check)
                .containsExactly("tls_certificate_generated", "tls_certificate_expiring");
        assertThat(findings.get(1).subject())
                .isEqualTo("ssl:default, wss:default, quic:default (" + certs.resolve("server.pem") + ")");
    }
}
