package io.berth.it.tls;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.SniCertificate;
import io.berth.server.config.SslOptions;
import io.berth.server.tls.ServerTls;
import io.berth.server.tls.TlsException;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Several certificates on one ssl (and wss) port, chosen by the server name the client sends in the TLS Server Name
 * Indication extension (RFC 6066 section 3); no name or an unknown one gets the listener's default certificate.
 */
class SniIT {

    TestCertificates certs;
    TestCertificates.Pair alpha;
    TestCertificates.Pair wildcard;
    Path live;
    EmbeddedBroker broker;

    @BeforeEach
    void start() throws Exception {
        Path dir = Path.of("target", "sni-it", UUID.randomUUID().toString());
        certs = TestCertificates.create(dir.resolve("generated"));
        alpha = certs.serverCertificateFor("alpha.example.com");
        wildcard = certs.serverCertificateFor("*.beta.example.com");
        live = Files.createDirectories(dir.resolve("live"));
        Files.copy(alpha.certFile(), live.resolve("alpha.pem"));
        Files.copy(alpha.keyFile(), live.resolve("alpha.key"));
        SslOptions ssl = SslOptions.defaults()
                .withCertificate(certs.server().certFile(), certs.server().keyFile(), null)
                .withSniCertificates(List.of(
                        new SniCertificate("alpha.example.com", live.resolve("alpha.pem"), live.resolve("alpha.key"),
                                null),
                        new SniCertificate("*.beta.example.com", wildcard.certFile(), wildcard.keyFile(), null)));
        broker = EmbeddedBroker.start(c -> c
                .withListener(ListenerConfig.ssl("default", "127.0.0.1", 0, ssl))
                .withListener(ListenerConfig.wss("default", "127.0.0.1", 0, ssl)));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    int sslPort() {
        return broker.port("ssl:default");
    }

    /** The certificate a handshake on {@code port} gets when the client sends {@code serverName} (null: none). */
    X509Certificate handshake(int port, String serverName) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, certs.trustManagerFactory().getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            SSLParameters params = s.getSSLParameters();
            // connected by IP address: the JDK sends no SNI unless told to
            params.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
            s.setSSLParameters(params);
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void configuredName_getsItsOwnCertificate() throws Exception {
        X509Certificate cert = handshake(sslPort(), "alpha.example.com");

        assertThat(cert.getSerialNumber()).isEqualTo(alpha.certificate().getSerialNumber());
        assertThat(cert.getSubjectAlternativeNames()).anySatisfy(san -> assertThat(san.get(1))
                .isEqualTo("alpha.example.com"));
    }

    @Test
    void nameIsMatchedCaseInsensitively() throws Exception {
        assertThat(handshake(sslPort(), "ALPHA.Example.COM").getSerialNumber())
                .isEqualTo(alpha.certificate().getSerialNumber());
    }

    @Test
    void wildcardName_matchesOneLabel_only() throws Exception {
        assertThat(handshake(sslPort(), "one.beta.example.com").getSerialNumber())
                .isEqualTo(wildcard.certificate().getSerialNumber());
        assertThat(handshake(sslPort(), "two.one.beta.example.com").getSerialNumber())
                .as("a wildcard stands for exactly one label")
                .isEqualTo(certs.server().certificate().getSerialNumber());
        assertThat(handshake(sslPort(), "beta.example.com").getSerialNumber())
                .isEqualTo(certs.server().certificate().getSerialNumber());
    }

    @Test
    void noServerName_getsTheDefaultCertificate() throws Exception {
        assertThat(handshake(sslPort(), null).getSerialNumber())
                .isEqualTo(certs.server().certificate().getSerialNumber());
    }

    @Test
    void unknownServerName_getsTheDefaultCertificate() throws Exception {
        assertThat(handshake(sslPort(), "gamma.example.com").getSerialNumber())
                .isEqualTo(certs.server().certificate().getSerialNumber());
    }

    @Test
    void wssListener_choosesByServerNameToo() throws Exception {
        int wss = broker.port("wss:default");
        assertThat(handshake(wss, "x.beta.example.com").getSerialNumber())
                .isEqualTo(wildcard.certificate().getSerialNumber());
        assertThat(handshake(wss, null).getSerialNumber())
                .isEqualTo(certs.server().certificate().getSerialNumber());
    }

    @Test
    void mqttConnect_overTheNamedCertificate_withHostNameVerification() throws Exception {
        // the client resolves alpha.example.com to 127.0.0.1 itself, sends it in SNI and checks the certificate
        // names it (the HiveMQ client verifies the host name)
        InetAddress loopbackNamed = InetAddress.getByAddress("alpha.example.com", new byte[]{127, 0, 0, 1});
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("sni-" + UUID.randomUUID())
                .serverAddress(new InetSocketAddress(loopbackNamed, sslPort()))
                .sslConfig().trustManagerFactory(certs.trustManagerFactory()).applySslConfig()
                .buildBlocking();

        Mqtt5ConnAck connAck = client.connect();

        assertThat(connAck.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        client.disconnect();
    }

    @Test
    void startupSummary_namesTheServerNames() {
        String summary = broker.broker().listeners().stream().filter(l -> l.id().equals("wss:default"))
                .findFirst().orElseThrow().securitySummary();
        assertThat(summary).contains("sni=alpha.example.com,*.beta.example.com");
    }

    @Test
    void rotation_reloadsTheSniCertificate_byFileWatch() throws Exception {
        TestCertificates.Pair next = certs.serverCertificateFor("alpha.example.com");
        install(next);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> handshake(sslPort(), "alpha.example.com").getSerialNumber()
                        .equals(next.certificate().getSerialNumber()));
        assertThat(handshake(sslPort(), null).getSerialNumber())
                .isEqualTo(certs.server().certificate().getSerialNumber());
    }

    @Test
    void rotation_badSniKey_keepsEveryOldCertificate_andSaysWhichName() throws Exception {
        BigInteger before = handshake(sslPort(), "alpha.example.com").getSerialNumber();
        try (LogCapture log = LogCapture.of("event.tls")) {
            Files.copy(certs.newServerCertificate().keyFile(), live.resolve("alpha.key"),
                    StandardCopyOption.REPLACE_EXISTING);

            List<ServerTls.ReloadResult> results = broker.broker().reloadCertificates();

            assertThat(results).filteredOn(r -> r.listenerId().equals("ssl:default")).singleElement()
                    .satisfies(r -> {
                        assertThat(r.reloaded()).isFalse();
                        assertThat(r.detail()).contains("alpha.example.com").contains("does not match");
                    });
            assertThat(log.contains("tls.reload_failed", "listener=ssl:default", "alpha.example.com")).isTrue();
        }
        assertThat(handshake(sslPort(), "alpha.example.com").getSerialNumber()).isEqualTo(before);
        assertThat(handshake(sslPort(), "x.beta.example.com").getSerialNumber())
                .isEqualTo(wildcard.certificate().getSerialNumber());
    }

    @Test
    void weakSniKey_isRefusedAtStart_namingTheServerName() throws Exception {
        TestCertificates.Pair weak = certs.rsaServerCertificate(1024);
        SslOptions ssl = SslOptions.defaults()
                .withCertificate(certs.server().certFile(), certs.server().keyFile(), null)
                .withSniCertificates(List.of(new SniCertificate("weak.example.com", weak.certFile(), weak.keyFile(),
                        null)));

        assertThatThrownBy(() -> new ServerTls("ssl:weak", ssl, ssl.certfile(), ssl.keyfile()))
                .isInstanceOf(TlsException.class)
                .hasMessageContaining("weak.example.com")
                .hasMessageContaining("1024 bits");
    }

    /** Replaces the live files the way an operator's tooling does: write aside, rename over. */
    void install(TestCertificates.Pair pair) throws Exception {
        Path tmpCert = Files.createTempFile(live, "c", ".tmp");
        Path tmpKey = Files.createTempFile(live, "k", ".tmp");
        Files.copy(pair.certFile(), tmpCert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pair.keyFile(), tmpKey, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmpKey, live.resolve("alpha.key"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmpCert, live.resolve("alpha.pem"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
