package io.berth.it.quic;

import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.codec.PingReqPacket;
import io.berth.codec.PingRespPacket;
import io.berth.codec.ReasonCode;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.QuicMqttTestClient;
import io.berth.testkit.QuicTestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** MQTT 3.1.1 and 5.0 connections over QUIC (ALPN mqtt, TLS 1.3, one bidirectional stream). */
class QuicConnectIT {

    static QuicTestCertificates certs;
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        certs = QuicTestCertificates.generate();
        broker = QuicBrokers.start(certs);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void mqtt5_connectOverQuic_getsConnAckAndPingResp() throws Exception {
        try (QuicMqttTestClient client = QuicMqttTestClient.connect(broker, certs, MqttVersion.MQTT_5)) {
            assertThat(client.connection().sslEngine().getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(client.connection().sslEngine().getApplicationProtocol()).isEqualTo("mqtt");
            client.send(new ConnectPacket(MqttVersion.MQTT_5, "quic-v5", true, 60, null, null, null, null));
            MqttPacket ack = client.receive();
            assertThat(ack).isInstanceOf(ConnAckPacket.class);
            assertThat(((ConnAckPacket) ack).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            client.send(PingReqPacket.INSTANCE);
            assertThat(client.receive()).isEqualTo(PingRespPacket.INSTANCE);
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.broker().listeners().stream()
                    .filter(l -> l.id().equals("quic:default")).findFirst().orElseThrow().connections() == 1);
        }
    }

    @Test
    void mqtt311_connectOverQuic_getsConnAck() throws Exception {
        try (QuicMqttTestClient client = QuicMqttTestClient.connect(broker, certs, MqttVersion.MQTT_3_1_1)) {
            client.send(new ConnectPacket(MqttVersion.MQTT_3_1_1, "quic-v311", true, 60, null, null, null, null));
            MqttPacket ack = client.receive();
            assertThat(ack).isInstanceOf(ConnAckPacket.class);
            assertThat(((ConnAckPacket) ack).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            client.send(PingReqPacket.INSTANCE);
            assertThat(client.receive()).isEqualTo(PingRespPacket.INSTANCE);
        }
    }

    @Test
    void mqtt5_disconnectOnStream_closesTheQuicConnection() throws Exception {
        try (QuicMqttTestClient client = QuicBrokers.connect(broker, certs, MqttVersion.MQTT_5, "quic-bye")) {
            client.send(new DisconnectPacket(ReasonCode.NORMAL_DISCONNECTION));
            assertThat(client.awaitClosed(Duration.ofSeconds(10))).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> !client.isOpen());
        }
    }
}
