package io.berth.it.quic;

import io.berth.codec.MqttVersion;
import io.berth.codec.PingReqPacket;
import io.berth.codec.PingRespPacket;
import io.berth.server.config.ListenerProtection;
import io.berth.server.config.QuicListenerConfig;
import io.berth.server.config.QuicSslOptions;
import io.berth.server.protection.AccessRules;
import io.berth.server.tls.ServerTls;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import io.berth.testkit.QuicMqttTestClient;
import io.berth.testkit.QuicTestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * QUIC listeners get the accept-time gate of the other listener types (access_rules, max_conn_per_ip), judged on the
 * first packet of a QUIC connection before its handshake completes, and reload their certificate files like ssl
 * listeners: new handshakes get the new certificate, open QUIC connections stay up.
 */
class QuicGateAndReloadIT {

    @TempDir
    Path dir;

    private static QuicMqttTestClient client(EmbeddedBroker broker, Path trustedCa) throws IOException {
        return QuicMqttTestClient.connect(new InetSocketAddress(broker.host(), broker.quicPort()), "localhost",
                QuicMqttTestClient.Options.trusting(trustedCa), MqttVersion.MQTT_5);
    }

    /** A QUIC client past CONNECT/CONNACK. */
    private static QuicMqttTestClient connected(EmbeddedBroker broker, Path trustedCa) throws IOException {
        QuicMqttTestClient c = client(broker, trustedCa);
        c.send(new io.berth.codec.ConnectPacket(MqttVersion.MQTT_5, "q-" + UUID.randomUUID(), true, 60,
                null, null, null, null));
        assertThat(c.receive(Duration.ofSeconds(10))).isInstanceOf(io.berth.codec.ConnAckPacket.class);
        return c;
    }

    @Test
    void accessRules_refuseAQuicClientBeforeItsHandshake_andSayWhy() throws Exception {
        QuicTestCertificates certs = QuicTestCertificates.generate(dir.resolve("certs"));
        try (LogCapture log = LogCapture.of("event.listener");
             EmbeddedBroker broker = EmbeddedBroker.start(c -> c
                     .withQuicListener(QuicListenerConfig.of("default", "127.0.0.1", 0, certs.serverSsl()))
                     .withListenerProtection("quic:default", ListenerProtection.DEFAULTS
                             .withAccessRules(AccessRules.parse(List.of("deny 127.0.0.0/8", "allow all")))))) {

            assertThatThrownBy(() -> client(broker, certs.caCert()).close()).isInstanceOf(IOException.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> log.contains("listener.refused", "listener=quic:default",
                    "reason=access_rules"));
        }
    }

    @Test
    void maxConnPerIp_refusesTheSecondQuicConnectionFromOneAddress() throws Exception {
        QuicTestCertificates certs = QuicTestCertificates.generate(dir.resolve("certs"));
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c
                .withQuicListener(QuicListenerConfig.of("default", "127.0.0.1", 0, certs.serverSsl()))
                .withListenerProtection("quic:default", ListenerProtection.DEFAULTS.withMaxConnPerIp(1)));
             QuicMqttTestClient first = connected(broker, certs.caCert())) {

            assertThatThrownBy(() -> client(broker, certs.caCert()).close()).isInstanceOf(IOException.class);
            first.send(PingReqPacket.INSTANCE);
            assertThat(first.receive(Duration.ofSeconds(10))).isInstanceOf(PingRespPacket.class);
        }
    }

    @Test
    void reloadCertificates_newHandshakesGetTheNewCertificate_openConnectionStaysUp() throws Exception {
        QuicTestCertificates oldCa = QuicTestCertificates.generate(dir.resolve("old"));
        QuicTestCertificates newCa = QuicTestCertificates.generate(dir.resolve("new"));
        Path live = Files.createDirectories(dir.resolve("live"));
        Path cert = Files.copy(oldCa.serverCert(), live.resolve("server.pem"));
        Path key = Files.copy(oldCa.serverKey(), live.resolve("server.key"));
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withQuicListener(
                QuicListenerConfig.of("default", "127.0.0.1", 0, QuicSslOptions.of(cert, key))));
             QuicMqttTestClient old = connected(broker, oldCa.caCert())) {

            Files.copy(newCa.serverKey(), key, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(newCa.serverCert(), cert, StandardCopyOption.REPLACE_EXISTING);
            ServerTls.ReloadResult result = broker.broker().listenerManager().reloadCertificates("quic:default");

            assertThat(result.reloaded()).as(result.detail()).isTrue();
            assertThatThrownBy(() -> client(broker, oldCa.caCert()).close()).isInstanceOf(IOException.class);
            client(broker, newCa.caCert()).close();
            old.send(PingReqPacket.INSTANCE);
            assertThat(old.receive(Duration.ofSeconds(10))).isInstanceOf(PingRespPacket.class);
        }
    }

    @Test
    void reloadCertificates_badFiles_keepTheOldCertificate() throws Exception {
        QuicTestCertificates certs = QuicTestCertificates.generate(dir.resolve("certs"));
        Path live = Files.createDirectories(dir.resolve("live"));
        Path cert = Files.copy(certs.serverCert(), live.resolve("server.pem"));
        Path key = Files.copy(certs.serverKey(), live.resolve("server.key"));
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withQuicListener(
                QuicListenerConfig.of("default", "127.0.0.1", 0, QuicSslOptions.of(cert, key))))) {
            Files.writeString(cert, "not a certificate");

            ServerTls.ReloadResult result = broker.broker().listenerManager().reloadCertificates("quic:default");

            assertThat(result.reloaded()).isFalse();
            assertThat(result.detail()).contains(cert.toString());
            client(broker, certs.caCert()).close();
        }
    }
}
