package io.berth.it.tls;

import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.PeerCertAsUsername;
import io.berth.server.config.SslOptions;
import io.berth.server.tls.ServerTls;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new CRL loaded at runtime disconnects the open connections whose client certificate it revokes (DISCONNECT 0x87
 * in MQTT 5), and only those: a handshake checks the CRL once, so a revoked device must not stay connected.
 */
class CrlReloadIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void reloadedCrl_disconnectsTheRevokedClient_otherClientsStay() throws Exception {
        TestCertificates certs = TestCertificates.create(Path.of("target", "crl-reload-it", UUID.randomUUID().toString()));
        TestCertificates.Pair soonRevoked = certs.newClientCertificate("device-a");
        TestCertificates.Pair staying = certs.newClientCertificate("device-b");
        SslOptions mutual = SslOptions.defaults()
                .withCertificate(certs.server().certFile(), certs.server().keyFile(), null)
                .withClientCertificates(certs.caFile(), true).withCrl(certs.crlFile());
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c
                .withListener(ListenerConfig.ssl("mtls", "127.0.0.1", 0, mutual)
                        .withPeerCertAsUsername(PeerCertAsUsername.CN)));
             LogCapture log = LogCapture.of("event.tls")) {
            CompletableFuture<Throwable> revokedCause = new CompletableFuture<>();
            Mqtt5BlockingClient a = client(broker, certs, soonRevoked, revokedCause);
            Mqtt5BlockingClient b = client(broker, certs, staying, new CompletableFuture<>());
            a.connect();
            b.connect();

            certs.revokeInCrl(soonRevoked);
            List<ServerTls.ReloadResult> results = broker.broker().reloadCertificates();

            assertThat(results).singleElement().satisfies(r -> assertThat(r.reloaded()).isTrue());
            Throwable cause = revokedCause.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(cause).isInstanceOf(Mqtt5DisconnectException.class);
            assertThat(((Mqtt5DisconnectException) cause).getMqttMessage().getReasonCode())
                    .isEqualTo(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED);
            await().atMost(TIMEOUT).until(() -> log.contains("tls.client_revoked", "listener=ssl:mtls",
                    "CN=device-a"));
            assertThat(log.contains("tls.client_revoked", "CN=device-b")).isFalse();

            // the other client is still served: a round trip through the broker
            try (var publishes = b.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
                b.subscribeWith().topicFilter("crl/stay").send();
                b.publishWith().topic("crl/stay").payload(new byte[] {1}).send();
                assertThat(publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isPresent();
            }
            assertThat(b.getState()).isEqualTo(MqttClientState.CONNECTED);
            b.disconnect();
        }
    }

    private static Mqtt5BlockingClient client(EmbeddedBroker broker, TestCertificates certs,
                                              TestCertificates.Pair cert, CompletableFuture<Throwable> disconnected) {
        return Mqtt5Client.builder().identifier("crl-" + UUID.randomUUID()).serverHost("127.0.0.1")
                .serverPort(broker.port("ssl:mtls"))
                .addDisconnectedListener(ctx -> disconnected.complete(ctx.getCause()))
                .sslConfig().trustManagerFactory(certs.trustManagerFactory())
                .keyManagerFactory(TestCertificates.keyManagerFactory(cert)).applySslConfig()
                .buildBlocking();
    }
}
