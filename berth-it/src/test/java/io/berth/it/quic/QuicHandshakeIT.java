package io.berth.it.quic;

import io.berth.codec.MqttVersion;
import io.berth.codec.PingReqPacket;
import io.berth.codec.PingRespPacket;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.QuicMqttTestClient;
import io.berth.testkit.QuicMqttTestClient.Options;
import io.berth.testkit.QuicTestCertificates;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TLS 1.3 handshake of a QUIC listener: ALPN mqtt, server certificate, optional mutual TLS. */
class QuicHandshakeIT {

    private static InetSocketAddress address(EmbeddedBroker broker) {
        return new InetSocketAddress(broker.host(), broker.quicPort());
    }

    private static void assertServed(EmbeddedBroker broker, QuicTestCertificates certs, String id) throws Exception {
        try (QuicMqttTestClient ok = QuicBrokers.connect(broker, certs, MqttVersion.MQTT_5, id)) {
            ok.send(PingReqPacket.INSTANCE);
            assertThat(ok.receive()).isEqualTo(PingRespPacket.INSTANCE);
        }
    }

    @Test
    void wrongAlpn_handshakeFails_listenerKeepsServing() throws Exception {
        QuicTestCertificates certs = QuicTestCertificates.generate();
        try (EmbeddedBroker broker = QuicBrokers.start(certs)) {
            // refused with the TLS alert no_application_protocol (120) as QUIC crypto error 0x100 + 120 = 376
            assertThatThrownBy(() -> QuicMqttTestClient.connect(address(broker), "localhost",
                    Options.trusting(certs.caCert()).withAlpn("h3"), MqttVersion.MQTT_5).close())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("applicationClose=false, error=376");
            assertServed(broker, certs, "after-wrong-alpn");
        }
    }

    @Test
    void clientTrustingAnotherCa_refusesTheServerCertificate() throws Exception {
        QuicTestCertificates certs = QuicTestCertificates.generate();
        QuicTestCertificates other = QuicTestCertificates.generate();
        try (EmbeddedBroker broker = QuicBrokers.start(certs)) {
            assertThatThrownBy(() -> QuicMqttTestClient.connect(address(broker), "localhost",
                    Options.trusting(other.caCert()), MqttVersion.MQTT_5).close())
                    .isInstanceOf(IOException.class);
            assertServed(broker, certs, "after-untrusted");
        }
    }

    @Test
    void mutualTls_clientWithoutCertificateRefused_clientWithCertificateServed() throws Exception {
        QuicTestCertificates certs = QuicTestCertificates.generate();
        try (EmbeddedBroker broker = QuicBrokers.start(certs,
                q -> q.withSsl(certs.serverSsl().requireClientCertificates(certs.caCert())))) {
            assertThatThrownBy(() -> {
                try (QuicMqttTestClient noCert = QuicMqttTestClient.connect(address(broker), "localhost",
                        Options.trusting(certs.caCert()), MqttVersion.MQTT_5)) {
                    // TLS 1.3: the client may finish before the server checks its (absent) certificate;
                    // then the server's refusal arrives as the connection closing.
                    noCert.send(PingReqPacket.INSTANCE);
                    if (noCert.receive() == null) {
                        throw new IOException("closed by the server");
                    }
                }
            }).isInstanceOf(IOException.class);
            try (QuicMqttTestClient withCert = QuicMqttTestClient.connect(address(broker), "localhost",
                    Options.trusting(certs.caCert()).withClientCertificate(certs.clientCert(), certs.clientKey()),
                    MqttVersion.MQTT_5)) {
                withCert.send(new io.berth.codec.ConnectPacket(MqttVersion.MQTT_5, "mtls-ok", true, 60, null, null,
                        null, null));
                assertThat(withCert.receive()).isInstanceOf(io.berth.codec.ConnAckPacket.class);
            }
        }
    }

    @Test
    void unreadableCertificate_stopsStartWithTheListenerAndFileNamed() throws Exception {
        QuicTestCertificates certs = QuicTestCertificates.generate();
        java.nio.file.Path garbage = java.nio.file.Files.writeString(certs.serverCert().resolveSibling("bad.pem"),
                "not a certificate");
        assertThatThrownBy(() -> QuicBrokers.start(certs, q -> q.withSsl(
                io.berth.server.config.QuicSslOptions.of(garbage, certs.serverKey()))).close())
                .isInstanceOf(io.berth.server.listener.ListenerException.class)
                .hasMessageContaining("listener quic:default")
                .hasMessageContaining(garbage.toString());
    }
}
