package io.berth.it.tls;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.berth.server.config.SniCertificate;
import io.berth.server.config.SslOptions;
import io.berth.server.tls.ServerTls;
import io.berth.server.tls.TlsException;
import io.berth.testkit.LogCapture;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
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

    static SniFixture sni;

    @BeforeAll
    static void start() throws Exception {
        sni = new SniFixture();
    }

    @AfterAll
    static void stop() {
        sni.close();
    }

    static int sslPort() {
        return sni.sslPort();
    }

    static X509Certificate handshake(int port, String serverName) throws Exception {
        return sni.handshake(port, serverName);
    }

    @Test
    void configuredName_getsItsOwnCertificate() throws Exception {
        X509Certificate cert = handshake(sslPort(), "alpha.example.com");

        assertThat(cert.getSerialNumber()).isEqualTo(sni.alpha.certificate().getSerialNumber());
        assertThat(cert.getSubjectAlternativeNames()).anySatisfy(san -> assertThat(san.get(1))
                .isEqualTo("alpha.example.com"));
    }

    @Test
    void nameIsMatchedCaseInsensitively() throws Exception {
        assertThat(handshake(sslPort(), "ALPHA.Example.COM").getSerialNumber())
                .isEqualTo(sni.alpha.certificate().getSerialNumber());
    }

    @Test
    void wildcardName_matchesOneLabel_only() throws Exception {
        assertThat(handshake(sslPort(), "one.beta.example.com").getSerialNumber())
                .isEqualTo(sni.wildcard.certificate().getSerialNumber());
        assertThat(handshake(sslPort(), "two.one.beta.example.com").getSerialNumber())
                .as("a wildcard stands for exactly one label")
                .isEqualTo(sni.certs.server().certificate().getSerialNumber());
        assertThat(handshake(sslPort(), "beta.example.com").getSerialNumber())
                .isEqualTo(sni.certs.server().certificate().getSerialNumber());
    }

    @Test
    void noServerName_getsTheDefaultCertificate() throws Exception {
        assertThat(handshake(sslPort(), null).getSerialNumber())
                .isEqualTo(sni.certs.server().certificate().getSerialNumber());
    }

    @Test
    void unknownServerName_getsTheDefaultCertificate() throws Exception {
        assertThat(handshake(sslPort(), "gamma.example.com").getSerialNumber())
                .isEqualTo(sni.certs.server().certificate().getSerialNumber());
    }

    @Test
    void wssListener_choosesByServerNameToo() throws Exception {
        int wss = sni.broker.port("wss:default");
        assertThat(handshake(wss, "x.beta.example.com").getSerialNumber())
                .isEqualTo(sni.wildcard.certificate().getSerialNumber());
        assertThat(handshake(wss, null).getSerialNumber())
                .isEqualTo(sni.certs.server().certificate().getSerialNumber());
    }

    @Test
    void mqttConnect_overTheNamedCertificate_withHostNameVerification() throws Exception {
        // the client resolves alpha.example.com to 127.0.0.1 itself, sends it in SNI and checks the certificate
        // names it (the HiveMQ client verifies the host name)
        InetAddress loopbackNamed = InetAddress.getByAddress("alpha.example.com", new byte[]{127, 0, 0, 1});
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("sni-" + UUID.randomUUID())
                .serverAddress(new InetSocketAddress(loopbackNamed, sslPort()))
                .sslConfig().trustManagerFactory(sni.certs.trustManagerFactory()).applySslConfig()
                .buildBlocking();

        Mqtt5ConnAck connAck = client.connect();

        assertThat(connAck.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        client.disconnect();
    }

    @Test
    void startupSummary_namesTheServerNames() {
        String summary = sni.broker.broker().listeners().stream().filter(l -> l.id().equals("wss:default"))
                .findFirst().orElseThrow().securitySummary();
        assertThat(summary).contains("sni=alpha.example.com,*.beta.example.com");
    }

    @Test
    void expiringSniCertificate_raisesItsOwnAlarm() {
        // the test certificates are valid for one more day: each name's certificate raises a warning of its own
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                sni.broker.broker().protection().alarms().active()).extracting(a -> a.name())
                .contains("certificate_expiring/ssl:default", "certificate_expiring/ssl:default/alpha.example.com",
                        "certificate_expiring/wss:default/*.beta.example.com"));
    }

    @Test
    void certificateNotNamingTheServerName_isUsed_butWarnedAbout() {
        SslOptions ssl = SslOptions.defaults()
                .withCertificate(sni.certs.server().certFile(), sni.certs.server().keyFile(), null)
                .withSniCertificates(List.of(new SniCertificate("other.example.com", sni.alpha.certFile(),
                        sni.alpha.keyFile(), null)));
        try (LogCapture log = LogCapture.of("event.tls")) {
            ServerTls tls = new ServerTls("ssl:mismatch", ssl, ssl.certfile(), ssl.keyfile());
            tls.close();
            assertThat(log.contains("tls.sni_name_not_in_certificate", "listener=ssl:mismatch",
                    "server_name=other.example.com", "alpha.example.com")).isTrue();
        }
    }

    @Test
    void weakSniKey_isRefusedAtStart_namingTheServerName() throws Exception {
        TestCertificates.Pair weak = sni.certs.rsaServerCertificate(1024);
        SslOptions ssl = SslOptions.defaults()
                .withCertificate(sni.certs.server().certFile(), sni.certs.server().keyFile(), null)
                .withSniCertificates(List.of(new SniCertificate("weak.example.com", weak.certFile(), weak.keyFile(),
                        null)));

        assertThatThrownBy(() -> new ServerTls("ssl:weak", ssl, ssl.certfile(), ssl.keyfile()))
                .isInstanceOf(TlsException.class)
                .hasMessageContaining("weak.example.com")
                .hasMessageContaining("1024 bits");
    }
}
