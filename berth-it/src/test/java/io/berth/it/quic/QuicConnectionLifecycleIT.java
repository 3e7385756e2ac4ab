package io.berth.it.quic;

import io.berth.codec.ConnectPacket;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.codec.PingReqPacket;
import io.berth.codec.PingRespPacket;
import io.berth.codec.ReasonCode;
import io.berth.core.MqttSettings;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.QuicMqttTestClient;
import io.berth.testkit.QuicTestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a QUIC MQTT connection ends: keepalive, malformed packets, broker shutdown, no stream opened. Each ends the
 * MQTT stream and its QUIC connection, and nothing else.
 */
class QuicConnectionLifecycleIT {

    static final Duration WAIT = Duration.ofSeconds(10);

    private static MqttSettings shortTimeouts() {
        MqttSettings d = MqttSettings.defaults();
        return new MqttSettings(d.maxPacketSize(), d.maxClientIdLen(), d.maxTopicLevels(), d.maxTopicAlias(),
                d.maxQosAllowed(), d.maxInflight(), d.maxMqueueLen(), d.mqueueStoreQos0(), d.maxAwaitingRel(),
                d.maxSubscriptions(), d.sessionExpiryInterval(), d.maxKeepalive(), d.keepaliveMultiplier(),
                Duration.ofMillis(800), d.retainAvailable(), d.wildcardSubscription(), d.sharedSubscription(),
                d.serverKeepalive());
    }

    // MQTT-3.1.2-24: silence for 1.5 x keepalive closes the connection; over QUIC the stream and its connection
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void silentClient_isClosedByKeepalive_MQTT_3_1_2_24(MqttVersion version) throws Exception {
        QuicTestCertificates certs = QuicTestCertificates.generate();
        try (EmbeddedBroker broker = QuicBrokers.start(certs);
             QuicMqttTestClient talking = QuicBrokers.connect(broker, certs, version, "ka-talk-" + version, 1);
             QuicMqttTestClient silent = QuicBrokers.connect(broker, certs, version, "ka-silent-" + version, 1)) {
            long start = System.nanoTime();
            // the talking client pings every 500 ms until the silent one is closed, and must stay open
            while (true) {
                talking.send(PingReqPacket.INSTANCE);
                assertThat(talking.receive()).isEqualTo(PingRespPacket.INSTANCE);
                try {
                    MqttPacket p = silent.receive(Duration.ofMillis(500));
                    if (p == null) {
                        break;
                    }
                    assertThat(p).isInstanceOfSatisfying(DisconnectPacket.class,
                            d -> assertThat(d.reasonCode()).isEqualTo(ReasonCode.KEEP_ALIVE_TIMEOUT));
                } catch (java.net.SocketTimeoutException stillOpen) {
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
                }
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
            await().atMost(WAIT).until(() -> !silent.isOpen());
            talking.send(PingReqPacket.INSTANCE);
            assertThat(talking.receive()).isEqualTo(PingRespPacket.INSTANCE);
        }
    }

    // MQTT-3.3.1-4: a PUBLISH with both QoS bits set is malformed; only that stream and connection close
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void malformedPacket_closesOnlyThatConnection_MQTT_3_3_1_4(MqttVersion version) throws Exception {
        QuicTestCertificates certs = QuicTestCertificates.generate();
        try (EmbeddedBroker broker = QuicBrokers.start(certs);
             QuicMqttTestClient bystander = QuicBrokers.connect(broker, certs, version, "mal-ok-" + version);
             QuicMqttTestClient bad = QuicBrokers.connect(broker, certs, version, "mal-bad-" + version)) {
            bad.sendBytes(0x36, 0x06, 0x00, 0x01, 'a', 0x00, 0x01, 0x00); // QoS 3
            if (version == MqttVersion.MQTT_5) {
                MqttPacket packet = bad.receive(WAIT);
                assertThat(packet).isInstanceOfSatisfying(DisconnectPacket.class,
                        d -> assertThat(d.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET));
            }
            assertThat(bad.awaitClosed(WAIT)).isTrue();
            await().atMost(WAIT).until(() -> !bad.isOpen());
            bystander.send(PingReqPacket.INSTANCE);
            assertThat(bystander.receive()).isEqualTo(PingRespPacket.INSTANCE);
        }
    }

    // spec 4.13 / 3.14.2.1: on shutdown the server sends DISCONNECT 0x8B to MQTT 5 clients, then closes
    @Test
    void brokerClose_sendsDisconnectServerShuttingDownOnTheStream() throws Exception {
        QuicTestCertificates certs = QuicTestCertificates.generate();
        EmbeddedBroker broker = QuicBrokers.start(certs);
        try (QuicMqttTestClient v5 = QuicBrokers.connect(broker, certs, MqttVersion.MQTT_5, "shut-v5");
             QuicMqttTestClient v311 = QuicBrokers.connect(broker, certs, MqttVersion.MQTT_3_1_1, "shut-v311")) {
            broker.close();
            assertThat(v5.receive(WAIT)).isEqualTo(new DisconnectPacket(ReasonCode.SERVER_SHUTTING_DOWN));
            assertThat(v5.awaitClosed(WAIT)).isTrue();
            assertThat(v311.awaitClosed(WAIT)).isTrue();
            await().atMost(WAIT).until(() -> !v5.isOpen() && !v311.isOpen());
        } finally {
            broker.close();
        }
    }

    // mqtt.idle_timeout: a QUIC connection that never opens its MQTT stream is closed like a silent TCP socket
    @Test
    void connectionWithoutStream_isClosedAfterIdleTimeout() throws Exception {
        QuicTestCertificates certs = QuicTestCertificates.generate();
        try (EmbeddedBroker broker = QuicBrokers.start(certs, shortTimeouts());
             QuicMqttTestClient client = QuicMqttTestClient.connect(
                     new java.net.InetSocketAddress(broker.host(), broker.quicPort()), "localhost",
                     QuicMqttTestClient.Options.trusting(certs.caCert()).withoutStream(), MqttVersion.MQTT_5)) {
            assertThat(client.isOpen()).isTrue();
            await().atMost(WAIT).until(() -> !client.isOpen());
        }
    }

    // mqtt.idle_timeout: a stream that sends no CONNECT is closed, and its QUIC connection with it
    @Test
    void streamWithoutConnect_isClosedAfterIdleTimeout() throws Exception {
        QuicTestCertificates certs = QuicTestCertificates.generate();
        try (EmbeddedBroker broker = QuicBrokers.start(certs, shortTimeouts());
             QuicMqttTestClient client = QuicMqttTestClient.connect(broker, certs, MqttVersion.MQTT_5)) {
            assertThat(client.awaitClosed(WAIT)).isTrue();
            await().atMost(WAIT).until(() -> !client.isOpen());
        }
    }

    @Test
    void connectAfterStreamOpen_stillWorksWithinIdleTimeout() throws Exception {
        QuicTestCertificates certs = QuicTestCertificates.generate();
        try (EmbeddedBroker broker = QuicBrokers.start(certs, shortTimeouts());
             QuicMqttTestClient client = QuicMqttTestClient.connect(broker, certs, MqttVersion.MQTT_5)) {
            client.send(new ConnectPacket(MqttVersion.MQTT_5, "quick", true, 0, null, null, null, null));
            assertThat(client.receive()).isNotNull();
            client.send(PingReqPacket.INSTANCE);
            assertThat(client.receive()).isEqualTo(PingRespPacket.INSTANCE);
        }
    }
}
