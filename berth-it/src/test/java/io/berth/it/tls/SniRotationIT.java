package io.berth.it.tls;

import io.berth.server.tls.ServerTls;
import io.berth.testkit.LogCapture;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SNI certificates are rotated with the listener's others: new material checked first, a bad file keeps all. */
class SniRotationIT {

    SniFixture sni;

    @BeforeEach
    void start() throws Exception {
        sni = new SniFixture();
    }

    @AfterEach
    void stop() {
        sni.close();
    }

    int sslPort() {
        return sni.sslPort();
    }

    X509Certificate handshake(int port, String serverName) throws Exception {
        return sni.handshake(port, serverName);
    }

    @Test
    void rotation_reloadsTheSniCertificate_byFileWatch() throws Exception {
        TestCertificates.Pair next = sni.certs.serverCertificateFor("alpha.example.com");
        install(next);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> handshake(sslPort(), "alpha.example.com").getSerialNumber()
                        .equals(next.certificate().getSerialNumber()));
        assertThat(handshake(sslPort(), null).getSerialNumber())
                .isEqualTo(sni.certs.server().certificate().getSerialNumber());
    }

    @Test
    void rotation_badSniKey_keepsEveryOldCertificate_andSaysWhichName() throws Exception {
        BigInteger before = handshake(sslPort(), "alpha.example.com").getSerialNumber();
        try (LogCapture log = LogCapture.of("event.tls")) {
            Files.copy(sni.certs.newServerCertificate().keyFile(), sni.live.resolve("alpha.key"),
                    StandardCopyOption.REPLACE_EXISTING);

            List<ServerTls.ReloadResult> results = sni.broker.broker().reloadCertificates();

            assertThat(results).filteredOn(r -> r.listenerId().equals("ssl:default")).singleElement()
                    .satisfies(r -> {
                        assertThat(r.reloaded()).isFalse();
                        assertThat(r.detail()).contains("alpha.example.com").contains("does not match");
                    });
            assertThat(log.contains("tls.reload_failed", "listener=ssl:default", "alpha.example.com")).isTrue();
        }
        assertThat(handshake(sslPort(), "alpha.example.com").getSerialNumber()).isEqualTo(before);
        assertThat(handshake(sslPort(), "x.beta.example.com").getSerialNumber())
                .isEqualTo(sni.wildcard.certificate().getSerialNumber());
    }

    /** Replaces the live files the way an operator's tooling does: write aside, rename over. */
    void install(TestCertificates.Pair pair) throws Exception {
        Path tmpCert = Files.createTempFile(sni.live, "c", ".tmp");
        Path tmpKey = Files.createTempFile(sni.live, "k", ".tmp");
        Files.copy(pair.certFile(), tmpCert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pair.keyFile(), tmpKey, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmpKey, sni.live.resolve("alpha.key"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmpCert, sni.live.resolve("alpha.pem"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
