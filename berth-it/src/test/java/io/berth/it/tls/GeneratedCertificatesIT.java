package io.berth.it.tls;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.SslOptions;
import io.berth.server.listener.ListenerException;
import io.berth.server.tls.GeneratedCertificates;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.Test;

import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TLS out of the box (certificates generated on first start, reused later) and material refused at start. */
class GeneratedCertificatesIT {

    @Test
    void sslListenerWithoutCertificates_generatesACaAndServerCertificate_andReusesThem() throws Exception {
        Path dataDir = Path.of("target", "generated-it", UUID.randomUUID().toString()).toAbsolutePath();
        Path ca = dataDir.resolve("certs/ca.pem");
        String fingerprint;
        try (LogCapture log = LogCapture.of("event.tls"); EmbeddedBroker broker = start(dataDir)) {
            assertThat(ca).isRegularFile();
            assertThat(dataDir.resolve("certs/server.pem")).isRegularFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    dataDir.resolve("certs/server.key")))).isEqualTo("rw-------");
            fingerprint = GeneratedCertificates.fingerprint(caCert(ca));
            assertThat(log.contains("tls.generated_certificates created", "ca_sha256=" + fingerprint)).isTrue();

            // a client trusting ca.pem verifies the server as 127.0.0.1 (HiveMQ checks the host name)
            Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("gen-" + UUID.randomUUID())
                    .serverHost("127.0.0.1").serverPort(broker.port("ssl:default"))
                    .sslConfig().trustManagerFactory(trusting(caCert(ca))).applySslConfig().buildBlocking();
            c.connect();
            c.disconnect();
        }
        try (LogCapture log = LogCapture.of("event.tls"); EmbeddedBroker again = start(dataDir)) {
            assertThat(log.contains("tls.generated_certificates reused", "ca_sha256=" + fingerprint)).isTrue();
        }
    }

    @Test
    void rsaKeyUnder2048Bits_isRefusedAtStart() {
        TestCertificates certs = TestCertificates.create(Path.of("target", "weak-it", UUID.randomUUID().toString()));
        TestCertificates.Pair weak = certs.rsaServerCertificate(1024);
        SslOptions ssl = SslOptions.defaults().withCertificate(weak.certFile(), weak.keyFile(), null);

        assertThatThrownBy(() -> EmbeddedBroker.start(c -> c.withListener(
                ListenerConfig.ssl("default", "127.0.0.1", 0, ssl))))
                .isInstanceOf(ListenerException.class)
                .hasMessageContaining("ssl:default")
                .hasMessageContaining("RSA key of 1024 bits is too weak");
    }

    @Test
    void rsaKeyOf2048Bits_isAccepted() throws Exception {
        TestCertificates certs = TestCertificates.create(Path.of("target", "rsa-it", UUID.randomUUID().toString()));
        TestCertificates.Pair rsa = certs.rsaServerCertificate(2048);
        SslOptions ssl = SslOptions.defaults().withCertificate(rsa.certFile(), rsa.keyFile(), null);
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withListener(
                ListenerConfig.ssl("default", "127.0.0.1", 0, ssl)))) {
            assertThat(TlsProbe.serial(certs, broker.port("ssl:default")))
                    .isEqualTo(rsa.certificate().getSerialNumber());
        }
    }

    private static EmbeddedBroker start(Path dataDir) {
        return EmbeddedBroker.start(c -> c.withDataDir(dataDir)
                .withListener(ListenerConfig.ssl("default", "127.0.0.1", 0, SslOptions.defaults())));
    }

    private static X509Certificate caCert(Path file) throws Exception {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static TrustManagerFactory trusting(X509Certificate ca) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf;
    }
}
