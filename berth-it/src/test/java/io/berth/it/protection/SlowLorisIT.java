package io.berth.it.protection;

import io.berth.codec.MqttVersion;
import io.berth.core.MqttSettings;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.SslOptions;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connect timeout ({@code mqtt.idle_timeout}): a socket that never completes a CONNECT is closed, whether it sends
 * nothing, a CONNECT trickled a byte short, or (on a TLS port) not even a ClientHello.
 */
class SlowLorisIT {

    static final Duration IDLE = Duration.ofMillis(700);
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        Path dir = Brokers.freshDir();
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        SslOptions ssl = SslOptions.defaults().withCertificate(certs.server().certFile(), certs.server().keyFile(),
                null);
        MqttSettings d = MqttSettings.defaults();
        MqttSettings settings = new MqttSettings(d.maxPacketSize(), d.maxClientIdLen(), d.maxTopicLevels(),
                d.maxTopicAlias(), d.maxQosAllowed(), d.maxInflight(), d.maxMqueueLen(), d.mqueueStoreQos0(),
                d.maxAwaitingRel(), d.maxSubscriptions(), d.sessionExpiryInterval(), d.maxKeepalive(),
                d.keepaliveMultiplier(), IDLE, d.retainAvailable(), d.wildcardSubscription(),
                d.sharedSubscription(), d.serverKeepalive());
        broker = Brokers.start(dir, c -> c.withMqtt(settings)
                .withListener(ListenerConfig.ssl("default", "127.0.0.1", 0, ssl)));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void silentSocket_isClosedAfterTheConnectTimeout() throws Exception {
        long start = System.nanoTime();
        try (RawMqttClient c = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            assertThat(c.awaitClosed(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(IDLE.minusMillis(50));
    }

    @Test
    void connectTrickledOneByteShort_isClosedAfterTheConnectTimeout() throws Exception {
        try (RawMqttClient c = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            // a CONNECT of 13 bytes, of which 12 are sent one at a time
            int[] connect = {0x10, 0x0D, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C, 0x00};
            for (int b : connect) {
                c.sendBytes(b);
            }
            assertThat(c.awaitClosed(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void tlsSocketThatNeverSendsAClientHello_isClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", broker.port("ssl:default"))) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (java.net.SocketException reset) {
                read = -1;
            }
            assertThat(read).as("closed without an answer").isEqualTo(-1);
        }
    }
}
