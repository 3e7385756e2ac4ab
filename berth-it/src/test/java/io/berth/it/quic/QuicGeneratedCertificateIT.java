package io.berth.it.quic;

import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.server.config.BrokerConfig;
import io.berth.server.config.QuicListenerConfig;
import io.berth.server.config.QuicSslOptions;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.QuicMqttTestClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code quic:default} is on by default (UDP 14567) with the certificate the broker generates under
 * {@code node.data_dir}/certs, like ssl and wss; and QUIC listeners are managed at runtime like the others.
 */
class QuicGeneratedCertificateIT {

    @Test
    void defaults_openQuicDefaultOn14567WithTheGeneratedCertificate() {
        QuicListenerConfig q = BrokerConfig.defaults().enabledQuicListeners().get(0);
        assertThat(q.id()).isEqualTo("quic:default");
        assertThat(q.bind()).isEqualTo("0.0.0.0:14567");
        assertThat(q.ssl().generated()).isTrue();
    }

    @Test
    void quicListenerWithoutCertfile_servesTheGeneratedCertificate_andStopsAndStartsAtRuntime() throws Exception {
        Path dataDir = Path.of("target", "quic-generated-it", UUID.randomUUID().toString());
        QuicListenerConfig quic = BrokerConfig.defaults().enabledQuicListeners().get(0).withBind("127.0.0.1", 0);
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withDataDir(dataDir).withQuicListener(quic))) {
            Path ca = dataDir.resolve("certs").resolve("ca.pem");
            connectAndDisconnect(broker.quicPort(), ca, "quic-gen-1");

            int port = broker.quicPort();
            broker.broker().listenerManager().stop("quic:default");
            assertThat(broker.broker().listenerManager().status("quic:default").running()).isFalse();
            try (DatagramSocket free = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                assertThat(free.getLocalPort()).as("the UDP socket was released").isEqualTo(port);
            }

            broker.broker().listenerManager().start("quic:default");
            connectAndDisconnect(broker.quicPort(), ca, "quic-gen-3");
        }
    }

    private static void connectAndDisconnect(int port, Path ca, String clientId) throws IOException {
        QuicMqttTestClient.Options options = QuicMqttTestClient.Options.trusting(ca);
        try (QuicMqttTestClient client = QuicMqttTestClient.connect(new InetSocketAddress("127.0.0.1", port),
                "localhost", options, MqttVersion.MQTT_5)) {
            client.send(new ConnectPacket(MqttVersion.MQTT_5, clientId, true, 60, null, null, null, null));
            MqttPacket ack = client.receive(Duration.ofSeconds(10));
            assertThat(ack).isInstanceOf(ConnAckPacket.class);
            assertThat(((ConnAckPacket) ack).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            client.send(new DisconnectPacket(ReasonCode.NORMAL_DISCONNECTION));
            assertThat(client.awaitClosed(Duration.ofSeconds(10))).isTrue();
        }
    }
}
