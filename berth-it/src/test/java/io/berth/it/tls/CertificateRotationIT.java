package io.berth.it.tls;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.SslOptions;
import io.berth.server.tls.ServerTls;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Certificate rotation without restart: new handshakes get the new certificate (new serial), open connections
 * stay up, and bad files keep the old material with a log line saying why. By explicit reload and by file watch.
 */
class CertificateRotationIT {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    TestCertificates certs;
    Path certFile;
    Path keyFile;
    EmbeddedBroker broker;

    @BeforeEach
    void start() throws Exception {
        Path dir = Path.of("target", "rotation-it", UUID.randomUUID().toString());
        certs = TestCertificates.create(dir.resolve("generated"));
        Path live = Files.createDirectories(dir.resolve("live"));
        certFile = live.resolve("server.pem");
        keyFile = live.resolve("server.key");
        install(certs.server());
        SslOptions ssl = SslOptions.defaults().withCertificate(certFile, keyFile, null);
        broker = EmbeddedBroker.start(c -> c.withListener(ListenerConfig.ssl("default", "127.0.0.1", 0, ssl)));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    int port() {
        return broker.port("ssl:default");
    }

    /** Replaces the live files the way an operator's tooling does: write aside, rename over. */
    void install(TestCertificates.Pair pair) throws Exception {
        Path tmpCert = Files.createTempFile(certFile.getParent(), "c", ".tmp");
        Path tmpKey = Files.createTempFile(keyFile.getParent(), "k", ".tmp");
        Files.copy(pair.certFile(), tmpCert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pair.keyFile(), tmpKey, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmpKey, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmpCert, certFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Mqtt5BlockingClient connected() {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("rot-" + UUID.randomUUID()).serverHost("127.0.0.1")
                .serverPort(port()).sslConfig().trustManagerFactory(certs.trustManagerFactory()).applySslConfig()
                .buildBlocking();
        c.connect();
        return c;
    }

    @Test
    void explicitReload_newHandshakeGetsTheNewCertificate_whileAnOpenConnectionStaysUp() throws Exception {
        BigInteger before = TlsProbe.serial(certs, port());
        assertThat(before).isEqualTo(certs.server().certificate().getSerialNumber());
        Mqtt5BlockingClient old = connected();

        TestCertificates.Pair next = certs.newServerCertificate();
        install(next);
        List<ServerTls.ReloadResult> results = broker.broker().reloadCertificates();

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.listenerId()).isEqualTo("ssl:default");
            assertThat(r.reloaded()).as(r.detail()).isTrue();
        });
        assertThat(TlsProbe.serial(certs, port())).isEqualTo(next.certificate().getSerialNumber());
        assertOpen(old);
    }

    @Test
    void fileWatch_picksUpReplacedFiles_withoutACall() throws Exception {
        Mqtt5BlockingClient old = connected();
        TestCertificates.Pair next = certs.newServerCertificate();

        install(next);

        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> TlsProbe.serial(certs, port()).equals(next.certificate().getSerialNumber()));
        assertOpen(old);
    }

    @Test
    void badKeyFile_keepsTheOldCertificate_andSaysWhy() throws Exception {
        BigInteger before = TlsProbe.serial(certs, port());
        try (LogCapture log = LogCapture.of("event.tls")) {
            Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");

            List<ServerTls.ReloadResult> results = broker.broker().reloadCertificates();

            assertThat(results).singleElement().satisfies(r -> {
                assertThat(r.reloaded()).isFalse();
                assertThat(r.detail()).contains(keyFile.getFileName().toString());
            });
            assertThat(log.contains("tls.reload_failed", "listener=ssl:default", "previous certificate stays"))
                    .isTrue();
        }
        assertThat(TlsProbe.serial(certs, port())).isEqualTo(before);
    }

    @Test
    void keyOfAnotherCertificate_isRefused_andTheOldStays() throws Exception {
        BigInteger before = TlsProbe.serial(certs, port());
        Files.copy(certs.newServerCertificate().keyFile(), keyFile, StandardCopyOption.REPLACE_EXISTING);

        List<ServerTls.ReloadResult> results = broker.broker().reloadCertificates();

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.reloaded()).isFalse();
            assertThat(r.detail()).contains("does not match the certificate");
        });
        assertThat(TlsProbe.serial(certs, port())).isEqualTo(before);
    }

    private static void assertOpen(Mqtt5BlockingClient client) throws Exception {
        assertThat(client.getState().isConnected()).isTrue();
        try (var publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            String topic = "rotation/" + UUID.randomUUID();
            client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload("still here".getBytes()).send();
            assertThat(publishes.receive(10, TimeUnit.SECONDS)).isPresent();
        } finally {
            client.disconnect();
        }
    }
}
