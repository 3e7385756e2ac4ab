package io.berth.it.quic;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.codec.SubAckPacket;
import io.berth.codec.SubscribePacket;
import io.berth.codec.SubscriptionRequest;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.QuicMqttTestClient;
import io.berth.testkit.QuicTestCertificates;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages cross between a QUIC client and a TCP client (HiveMQ MQTT Client) in both directions, QoS 0 and 1. */
class QuicPublishSubscribeIT {

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

    private static Mqtt5BlockingClient tcpClient(String id) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier(id).serverHost(broker.host())
                .serverPort(broker.port()).buildBlocking();
        c.connect();
        return c;
    }

    private static void subscribe(QuicMqttTestClient client, String filter, int qos) throws Exception {
        client.send(new SubscribePacket(1, List.of(new SubscriptionRequest(filter, qos)), null));
        MqttPacket ack = client.receive();
        assertThat(ack).isInstanceOf(SubAckPacket.class);
        assertThat(((SubAckPacket) ack).reasonCodes()).containsExactly(ReasonCode.grantedQos(qos));
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void quicPublisher_qos1_reachesTcpSubscriber_andGetsPubAck(MqttVersion version) throws Exception {
        String topic = "quic/up/" + version;
        Mqtt5BlockingClient sub = tcpClient("tcp-sub-" + version);
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL);
             QuicMqttTestClient pub = QuicBrokers.connect(broker, certs, version, "quic-pub-" + version)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            pub.send(new PublishPacket(topic, 1, false, false, 7, null,
                    Unpooled.copiedBuffer("from quic", StandardCharsets.UTF_8)));
            MqttPacket ack = pub.receive();
            assertThat(ack).isInstanceOf(PubAckPacket.class);
            assertThat(((PubAckPacket) ack).packetId()).isEqualTo(7);
            Mqtt5Publish received = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(received.getTopic().toString()).isEqualTo(topic);
            assertThat(new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("from quic");
            assertThat(received.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
        } finally {
            sub.disconnect();
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void tcpPublisher_qos1_reachesQuicSubscriber_whichAcks(MqttVersion version) throws Exception {
        String topic = "quic/down/" + version;
        Mqtt5BlockingClient pub = tcpClient("tcp-pub-" + version);
        try (QuicMqttTestClient sub = QuicBrokers.connect(broker, certs, version, "quic-sub-" + version)) {
            subscribe(sub, "quic/down/#", 1);
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload("to quic".getBytes(StandardCharsets.UTF_8)).send();
            MqttPacket packet = sub.receive();
            assertThat(packet).isInstanceOf(PublishPacket.class);
            PublishPacket publish = (PublishPacket) packet;
            assertThat(publish.topic()).isEqualTo(topic);
            assertThat(publish.qos()).isEqualTo(1);
            assertThat(publish.payload().toString(StandardCharsets.UTF_8)).isEqualTo("to quic");
            sub.send(new PubAckPacket(publish.packetId(), ReasonCode.SUCCESS, null));
            // a second message proves the PUBACK freed the inflight slot and the stream still flows
            pub.publishWith().topic(topic).qos(MqttQos.AT_MOST_ONCE)
                    .payload("again".getBytes(StandardCharsets.UTF_8)).send();
            PublishPacket second = (PublishPacket) sub.receive();
            assertThat(second.payload().toString(StandardCharsets.UTF_8)).isEqualTo("again");
            assertThat(second.qos()).isZero();
        } finally {
            pub.disconnect();
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void quicToQuic_qos1_roundTrip(MqttVersion version) throws Exception {
        String topic = "quic/both/" + version;
        try (QuicMqttTestClient sub = QuicBrokers.connect(broker, certs, version, "qq-sub-" + version);
             QuicMqttTestClient pub = QuicBrokers.connect(broker, certs, version, "qq-pub-" + version)) {
            subscribe(sub, topic, 1);
            byte[] big = new byte[200_000]; // spans many QUIC packets
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) i;
            }
            pub.send(new PublishPacket(topic, 1, false, false, 3, null, Unpooled.wrappedBuffer(big)));
            assertThat(pub.receive()).isInstanceOf(PubAckPacket.class);
            PublishPacket received = (PublishPacket) sub.receive();
            byte[] payload = new byte[received.payload().readableBytes()];
            received.payload().readBytes(payload);
            assertThat(payload).isEqualTo(big);
            sub.send(new PubAckPacket(received.packetId(), ReasonCode.SUCCESS, null));
        }
    }
}
