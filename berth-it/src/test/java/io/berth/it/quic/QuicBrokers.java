package io.berth.it.quic;

import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.core.MqttSettings;
import io.berth.server.config.QuicListenerConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.QuicMqttTestClient;
import io.berth.testkit.QuicTestCertificates;

import java.io.IOException;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** An embedded broker with a TCP listener and a {@code quic:default} listener on 127.0.0.1, free ports. */
final class QuicBrokers {

    private QuicBrokers() {
    }

    static EmbeddedBroker start(QuicTestCertificates certs) {
        return start(certs, q -> q);
    }

    static EmbeddedBroker start(QuicTestCertificates certs, UnaryOperator<QuicListenerConfig> quic) {
        return EmbeddedBroker.start(c -> c.withQuicListener(
                quic.apply(QuicListenerConfig.of("default", "127.0.0.1", 0, certs.serverSsl()))));
    }

    static EmbeddedBroker start(QuicTestCertificates certs, MqttSettings mqtt) {
        return EmbeddedBroker.start(c -> c.withMqtt(mqtt).withQuicListener(
                QuicListenerConfig.of("default", "127.0.0.1", 0, certs.serverSsl())));
    }

    /** Opens a QUIC client and completes CONNECT/CONNACK with a clean start and keepalive 60 s. */
    static QuicMqttTestClient connect(EmbeddedBroker broker, QuicTestCertificates certs, MqttVersion version,
                                      String clientId) throws IOException {
        return connect(broker, certs, version, clientId, 60);
    }

    static QuicMqttTestClient connect(EmbeddedBroker broker, QuicTestCertificates certs, MqttVersion version,
                                      String clientId, int keepAlive) throws IOException {
        QuicMqttTestClient client = QuicMqttTestClient.connect(broker, certs, version);
        client.send(new ConnectPacket(version, clientId, true, keepAlive, null, null, null, null));
        MqttPacket ack = client.receive();
        assertThat(ack).isInstanceOf(ConnAckPacket.class);
        assertThat(((ConnAckPacket) ack).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        return client;
    }
}
