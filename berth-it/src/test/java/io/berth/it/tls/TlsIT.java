package io.berth.it.tls;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.PeerCertAsUsername;
import io.berth.server.config.SslOptions;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * MQTT over TLS with real clients: HiveMQ MQTT Client, mosquitto_pub and openssl s_client. One broker with two
 * listeners: {@code ssl:default} (server certificate only) and {@code ssl:mtls} (client certificates required,
 * checked against a CRL, CN as username).
 */
class TlsIT {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    static TestCertificates certs;
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        certs = TestCertificates.create(Path.of("target", "tls-it", UUID.randomUUID().toString()));
        SslOptions serverOnly = SslOptions.defaults()
                .withCertificate(certs.server().certFile(), certs.server().keyFile(), null);
        SslOptions mutual = serverOnly.withClientCertificates(certs.caFile(), true).withCrl(certs.crlFile());
        broker = EmbeddedBroker.start(c -> c
                .withListener(ListenerConfig.ssl("default", "127.0.0.1", 0, serverOnly))
                .withListener(ListenerConfig.ssl("mtls", "127.0.0.1", 0, mutual)
                        .withPeerCertAsUsername(PeerCertAsUsername.CN)));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static int sslPort() {
        return broker.port("ssl:default");
    }

    static int mtlsPort() {
        return broker.port("ssl:mtls");
    }

    private static Mqtt5BlockingClient v5(int port, TestCertificates.Pair clientCert) {
        var ssl = Mqtt5Client.builder().identifier("tls-" + UUID.randomUUID()).serverHost("127.0.0.1")
                .serverPort(port).sslConfig().trustManagerFactory(certs.trustManagerFactory());
        if (clientCert != null) {
            ssl = ssl.keyManagerFactory(TestCertificates.keyManagerFactory(clientCert));
        }
        return ssl.applySslConfig().buildBlocking();
    }

    @Test
    void hiveMq5_overTls_publishesAndSubscribes() throws Exception {
        Mqtt5BlockingClient sub = v5(sslPort(), null);
        Mqtt5BlockingClient pub = v5(sslPort(), null);
        sub.connect();
        pub.connect();
        try (var publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            String topic = "tls/" + UUID.randomUUID();
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload("over tls".getBytes()).send();

            Optional<Mqtt5Publish> got = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(got).isPresent();
            assertThat(new String(got.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("over tls");
        } finally {
            sub.disconnect();
            pub.disconnect();
        }
    }

    @Test
    void hiveMq3_overTls_connects() {
        Mqtt3BlockingClient c = Mqtt3Client.builder().identifier("tls3-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(sslPort())
                .sslConfig().trustManagerFactory(certs.trustManagerFactory()).applySslConfig().buildBlocking();
        assertThat(c.connect().getReturnCode().isError()).isFalse();
        c.disconnect();
    }

    @Test
    void mutualTls_withClientCertificate_connects_andCnBecomesTheUsername() {
        try (LogCapture log = LogCapture.of("event.connection")) {
            Mqtt5BlockingClient c = v5(mtlsPort(), certs.client());
            c.connect();
            c.disconnect();
            await().atMost(TIMEOUT).until(() -> log.contains("client.connect", "listener=ssl:mtls",
                    "username=client-1"));
        }
    }

    @Test
    void mutualTls_withoutClientCertificate_isRefused_andTheListenerKeepsServing() {
        try (LogCapture log = LogCapture.of("event.tls")) {
            assertThatThrownBy(() -> v5(mtlsPort(), null).connect()).isInstanceOf(RuntimeException.class);
            await().atMost(TIMEOUT).until(() -> log.contains("tls.handshake_failed", "listener=ssl:mtls"));
        }
        Mqtt5BlockingClient ok = v5(mtlsPort(), certs.client());
        ok.connect();
        ok.disconnect();
    }

    @Test
    void mutualTls_clientCertificateFromAnUnknownCa_isRefused() {
        try (LogCapture log = LogCapture.of("event.tls")) {
            assertThatThrownBy(() -> v5(mtlsPort(), certs.unknownCaClient()).connect())
                    .isInstanceOf(RuntimeException.class);
            await().atMost(TIMEOUT).until(() -> log.contains("tls.handshake_failed", "listener=ssl:mtls"));
        }
    }

    @Test
    void mutualTls_revokedClientCertificate_isRefused_withALogLineSayingRevoked() {
        try (LogCapture log = LogCapture.of("event.tls")) {
            assertThatThrownBy(() -> v5(mtlsPort(), certs.revokedClient()).connect())
                    .isInstanceOf(RuntimeException.class);
            await().atMost(TIMEOUT).until(() -> log.contains("tls.handshake_failed", "listener=ssl:mtls",
                    "revoked"));
        }
    }

    @Test
    void mutualTls_expiredClientCertificate_isRefused() {
        try (LogCapture log = LogCapture.of("event.tls")) {
            assertThatThrownBy(() -> v5(mtlsPort(), certs.expiredClient()).connect())
                    .isInstanceOf(RuntimeException.class);
            await().atMost(TIMEOUT).until(() -> log.contains("tls.handshake_failed", "listener=ssl:mtls",
                    "expired"));
        }
    }

    @Test
    void opensslClient_tls13_isAccepted() throws Exception {
        Command c = Command.run(TIMEOUT, "", "openssl", "s_client", "-connect", "127.0.0.1:" + sslPort(),
                "-tls1_3", "-CAfile", certs.caFile().toString(), "-verify_return_error", "-brief");
        assertThat(c.output()).contains("Protocol version: TLSv1.3").contains("Verification: OK");
        assertThat(c.exitCode()).as(c.output()).isZero();
    }

    @Test
    void opensslClient_tls12_isAccepted() throws Exception {
        Command c = Command.run(TIMEOUT, "", "openssl", "s_client", "-connect", "127.0.0.1:" + sslPort(),
                "-tls1_2", "-CAfile", certs.caFile().toString(), "-verify_return_error", "-brief");
        assertThat(c.output()).contains("Protocol version: TLSv1.2");
        assertThat(c.exitCode()).as(c.output()).isZero();
    }

    @Test
    void opensslClient_tls11_isRefused() throws Exception {
        // SECLEVEL=0 lets Debian's openssl offer TLS 1.1 at all (see STYLE.md): the refusal is the server's
        try (LogCapture log = LogCapture.of("event.tls")) {
            Command c = Command.run(TIMEOUT, "", "openssl", "s_client", "-connect", "127.0.0.1:" + sslPort(),
                    "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0", "-brief");
            assertThat(c.exitCode()).as(c.output()).isNotZero();
            assertThat(c.output()).doesNotContain("Protocol version: TLSv1.1");
            await().atMost(TIMEOUT).until(() -> log.contains("tls.handshake_failed", "listener=ssl:default"));
        }
    }

    @Test
    void opensslClient_withClientCertificate_mutualTls_isAccepted() throws Exception {
        Command c = Command.run(TIMEOUT, "", "openssl", "s_client", "-connect", "127.0.0.1:" + mtlsPort(),
                "-CAfile", certs.caFile().toString(), "-cert", certs.client().certFile().toString(),
                "-key", certs.client().keyFile().toString(), "-verify_return_error", "-brief");
        assertThat(c.exitCode()).as(c.output()).isZero();
        assertThat(c.output()).contains("Verification: OK");
    }

    @Test
    void plainMqttBytesToTheTlsPort_areRefused_andTheListenerKeepsServing() throws Exception {
        try (LogCapture log = LogCapture.of("event.tls"); Socket s = new Socket("127.0.0.1", sslPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            // an MQTT 3.1.1 CONNECT, client id "p"
            out.write(new byte[]{0x10, 13, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 1, 'p'});
            out.flush();
            InputStream in = s.getInputStream();
            assertThat(in.read()).as("connection closed without an MQTT answer").isEqualTo(-1);
            await().atMost(TIMEOUT).until(() -> log.contains("tls.handshake_failed", "not a TLS record"));
        }
        Mqtt5BlockingClient ok = v5(sslPort(), null);
        ok.connect();
        ok.disconnect();
    }

    @Test
    void httpSentToTheTcpPort_isRefused_andTheListenerKeepsServing() throws Exception {
        try (Socket s = new Socket("127.0.0.1", broker.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            assertThat(s.getInputStream().readAllBytes()).as("closed without an answer").isEmpty();
        }
        Mqtt5BlockingClient ok = Mqtt5Client.builder().identifier("tcp-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        ok.connect();
        ok.disconnect();
    }

    @Test
    void mosquittoPub_overTls_withCafile_deliversToASubscriber() throws Exception {
        mosquittoPubDelivers(sslPort(), null);
    }

    @Test
    void mosquittoPub_overMutualTls_withCertAndKey_deliversToASubscriber() throws Exception {
        mosquittoPubDelivers(mtlsPort(), certs.client());
    }

    @Test
    void mosquittoPub_withoutClientCertificate_whereOneIsRequired_fails() throws Exception {
        Command c = Command.run(TIMEOUT, "", "mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(mtlsPort()),
                "--cafile", certs.caFile().toString(), "-t", "tls/nocert", "-m", "x", "-V", "mqttv311");
        assertThat(c.exitCode()).as(c.output()).isNotZero();
    }

    private static void mosquittoPubDelivers(int port, TestCertificates.Pair clientCert) throws Exception {
        Mqtt5BlockingClient sub = Mqtt5Client.builder().identifier("sub-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        sub.connect();
        try (var publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            String topic = "tls/mosquitto/" + UUID.randomUUID();
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            var cmd = new java.util.ArrayList<>(java.util.List.of("mosquitto_pub", "-h", "127.0.0.1", "-p",
                    String.valueOf(port), "--cafile", certs.caFile().toString(), "-t", topic, "-m", "from mosquitto",
                    "-q", "1", "-V", "mqttv5"));
            if (clientCert != null) {
                cmd.addAll(java.util.List.of("--cert", clientCert.certFile().toString(), "--key",
                        clientCert.keyFile().toString()));
            }
            Command c = Command.run(TIMEOUT, "", cmd.toArray(String[]::new));
            assertThat(c.exitCode()).as(c.output()).isZero();
            Optional<Mqtt5Publish> got = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(got).isPresent();
            assertThat(new String(got.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("from mosquitto");
        } finally {
            sub.disconnect();
        }
    }
}
