package io.berth.it.publish;

import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PingReqPacket;
import io.berth.codec.PingRespPacket;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PubCompPacket;
import io.berth.codec.PubRecPacket;
import io.berth.codec.PubRelPacket;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.codec.SubAckPacket;
import io.berth.codec.SubscribePacket;
import io.berth.codec.SubscriptionRequest;
import io.berth.core.session.Session;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Connected test clients for the publish, subscribe, retain, shared, properties and sys integration tests:
 * HiveMQ clients (MQTT 5 and 3.1.1) and the byte-exact {@link RawMqttClient} with helpers for the packets
 * these tests exchange.
 */
public final class MqttClients {

    /** How long a positive wait may take on a loaded machine. */
    public static final Duration WAIT = Duration.ofSeconds(10);
    /** How long to wait before concluding that nothing more arrives (after a barrier). */
    public static final Duration QUIET = Duration.ofMillis(400);

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private MqttClients() {
    }

    /** A name unique in this JVM run, for client identifiers and topics. */
    public static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
    }

    /** A connected MQTT 5 HiveMQ client with Clean Start 1 and no session expiry. */
    public static Mqtt5BlockingClient v5(EmbeddedBroker broker, String clientId) {
        Mqtt5BlockingClient client = v5Builder(broker, clientId);
        client.connect();
        return client;
    }

    /** An MQTT 5 HiveMQ client, not yet connected. */
    public static Mqtt5BlockingClient v5Builder(EmbeddedBroker broker, String clientId) {
        return Mqtt5Client.builder().identifier(clientId).serverHost(broker.host()).serverPort(broker.port())
                .buildBlocking();
    }

    /** A connected MQTT 3.1.1 HiveMQ client with Clean Session 1. */
    public static Mqtt3BlockingClient v3(EmbeddedBroker broker, String clientId) {
        Mqtt3BlockingClient client = Mqtt3Client.builder().identifier(clientId).serverHost(broker.host())
                .serverPort(broker.port()).buildBlocking();
        client.connect();
        return client;
    }

    /**
     * Waits until the broker has noticed that the connection of {@code clientId} closed and its session (kept by a
     * session expiry) is offline, so that new messages are queued rather than written to the dead connection.
     */
    public static void awaitSessionOffline(EmbeddedBroker broker, String clientId) {
        await().atMost(WAIT).until(() -> {
            Session session = broker.broker().context().sessions().get(clientId);
            return session != null && !session.isConnected();
        });
    }

    /** A raw client that sent CONNECT (Clean Start 1, no properties) and received a successful CONNACK. */
    public static RawMqttClient raw(EmbeddedBroker broker, MqttVersion version, String clientId) throws IOException {
        return raw(broker, version, clientId, true, MqttProperties.EMPTY);
    }

    /** A raw client that sent CONNECT with these options and received a successful CONNACK. */
    public static RawMqttClient raw(EmbeddedBroker broker, MqttVersion version, String clientId, boolean cleanStart,
                                    MqttProperties connectProperties) throws IOException {
        RawMqttClient client = RawMqttClient.connect(broker, version);
        ConnAckPacket connAck = connect(client, clientId, cleanStart, connectProperties);
        assertThat(connAck.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        return client;
    }

    /** Sends CONNECT (keepalive 60 s) and returns the CONNACK. */
    public static ConnAckPacket connect(RawMqttClient client, String clientId, boolean cleanStart,
                                        MqttProperties properties) throws IOException {
        client.send(new ConnectPacket(client.version(), clientId, cleanStart, 60, null, null, null, properties));
        return expect(client, ConnAckPacket.class);
    }

    /** Sends SUBSCRIBE and returns the SUBACK. */
    public static SubAckPacket subscribe(RawMqttClient client, int packetId, MqttProperties properties,
                                         SubscriptionRequest... requests) throws IOException {
        client.send(new SubscribePacket(packetId, List.of(requests), properties));
        SubAckPacket subAck = expect(client, SubAckPacket.class);
        assertThat(subAck.packetId()).isEqualTo(packetId);
        return subAck;
    }

    /** Subscribes to one filter without properties and checks that the QoS was granted. */
    public static void subscribe(RawMqttClient client, int packetId, String filter, int qos) throws IOException {
        SubAckPacket subAck = subscribe(client, packetId, MqttProperties.EMPTY, new SubscriptionRequest(filter, qos));
        assertThat(subAck.reasonCodes()).containsExactly(ReasonCode.grantedQos(qos));
    }

    /** A PUBLISH with a UTF-8 payload, for {@link RawMqttClient#send}. */
    public static PublishPacket publish(String topic, int qos, boolean retain, int packetId, MqttProperties properties,
                                        String payload) {
        return new PublishPacket(topic, qos, retain, false, packetId, properties,
                Unpooled.wrappedBuffer(payload.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Sends a PUBLISH and completes its QoS flow: PUBACK for QoS 1; PUBREC, PUBREL, PUBCOMP for QoS 2; a PINGREQ
     * round trip for QoS 0. On return the server has routed the message. The client must not be subscribed to
     * anything that delivers in between.
     */
    public static void publishAndComplete(RawMqttClient client, PublishPacket publish) throws IOException {
        int qos = publish.qos();
        int packetId = publish.packetId();
        client.send(publish);
        switch (qos) {
            case 0 -> assertThat(publishesBeforePingResp(client)).isEmpty();
            case 1 -> assertThat(expect(client, PubAckPacket.class).packetId()).isEqualTo(packetId);
            default -> {
                assertThat(expect(client, PubRecPacket.class).packetId()).isEqualTo(packetId);
                client.send(new PubRelPacket(packetId));
                assertThat(expect(client, PubCompPacket.class).packetId()).isEqualTo(packetId);
            }
        }
    }

    /** The same PUBLISH with DUP set, as a client sends it again (MQTT-3.3.1-1). */
    public static PublishPacket duplicate(PublishPacket p) {
        return new PublishPacket(p.topic(), p.qos(), p.retain(), true, p.packetId(), p.properties(), p.payload());
    }

    /** Waits for the next packet and checks its type. */
    public static <T extends MqttPacket> T expect(RawMqttClient client, Class<T> type) throws IOException {
        MqttPacket packet = client.receive(WAIT);
        assertThat(packet).as("next packet").isInstanceOf(type);
        return type.cast(packet);
    }

    /** Checks that nothing arrives within {@link #QUIET}; call it after a barrier. */
    public static void assertNoPacket(RawMqttClient client) {
        assertThatThrownBy(() -> client.receive(QUIET)).as("no further packet")
                .isInstanceOf(SocketTimeoutException.class);
    }

    /** Waits for the server's DISCONNECT, checks its reason code, and that the connection then closes. */
    public static void expectDisconnect(RawMqttClient client, ReasonCode reason) throws IOException {
        DisconnectPacket disconnect = expect(client, DisconnectPacket.class);
        assertThat(disconnect.reasonCode()).isEqualTo(reason);
        assertThat(client.awaitClosed(WAIT)).as("connection closed after DISCONNECT").isTrue();
    }

    /**
     * Sends PINGREQ and returns every PUBLISH that arrives before the PINGRESP. The server handles a
     * connection's packets in order, so this collects what it sent in answer to the packets before the
     * PINGREQ (a SUBSCRIBE's retained messages, for example). Other packet types fail the test.
     */
    public static List<PublishPacket> publishesBeforePingResp(RawMqttClient client) throws IOException {
        client.send(PingReqPacket.INSTANCE);
        List<PublishPacket> publishes = new ArrayList<>();
        while (true) {
            MqttPacket packet = client.receive(WAIT);
            if (packet instanceof PingRespPacket) {
                return publishes;
            }
            assertThat(packet).as("packet before PINGRESP").isInstanceOf(PublishPacket.class);
            publishes.add((PublishPacket) packet);
        }
    }

    /** The payload of a PUBLISH received by the raw client, as UTF-8. */
    public static String text(PublishPacket publish) {
        return publish.payload().toString(publish.payload().readerIndex(), publish.payload().readableBytes(),
                StandardCharsets.UTF_8);
    }

    /** UTF-8 bytes. */
    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** UTF-8 text. */
    public static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
