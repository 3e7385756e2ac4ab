package io.berth.it.protection;

import io.berth.codec.ConnectPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.ListenerProtection;
import io.berth.server.config.SslOptions;
import io.berth.server.protection.AccessRules;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import io.berth.testkit.RawMqttClient;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code access_rules} are checked when a socket is accepted, before any TLS or WebSocket work: a denied peer on a
 * TLS port never gets a ServerHello, on a WebSocket port no HTTP answer, on a TCP port no CONNACK. A listener whose
 * rules allow the peer answers the same bytes, so each refusal is shown against a working control.
 */
class AccessRulesIT {

    static final AccessRules DENY_LOOPBACK = AccessRules.parse(List.of("allow 10.0.0.0/8", "deny 127.0.0.0/8"));
    static final AccessRules ALLOW_LOOPBACK = AccessRules.parse(List.of("allow 127.0.0.1", "deny all"));

    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        Path dir = Brokers.freshDir();
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        SslOptions ssl = SslOptions.defaults().withCertificate(certs.server().certFile(), certs.server().keyFile(),
                null);
        broker = Brokers.start(dir, c -> c
                .withListener(ListenerConfig.ssl("denied", "127.0.0.1", 0, ssl))
                .withListener(ListenerConfig.ssl("allowed", "127.0.0.1", 0, ssl))
                .withListener(ListenerConfig.ws("denied", "127.0.0.1", 0))
                .withListener(ListenerConfig.ws("allowed", "127.0.0.1", 0))
                .withTcpListener("denied", "127.0.0.1", 0)
                .withListenerProtection("ssl:denied", ListenerProtection.DEFAULTS.withAccessRules(DENY_LOOPBACK))
                .withListenerProtection("ssl:allowed", ListenerProtection.DEFAULTS.withAccessRules(ALLOW_LOOPBACK))
                .withListenerProtection("ws:denied", ListenerProtection.DEFAULTS.withAccessRules(DENY_LOOPBACK))
                .withListenerProtection("ws:allowed", ListenerProtection.DEFAULTS.withAccessRules(ALLOW_LOOPBACK))
                .withListenerProtection("tcp:denied", ListenerProtection.DEFAULTS.withAccessRules(DENY_LOOPBACK)));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void tls_deniedPeer_isClosedBeforeAnyServerHello() throws Exception {
        assertThat(TlsHello.firstAnswerByte(broker.port("ssl:allowed"))).as("control: a ServerHello record")
                .isEqualTo(0x16);
        try (LogCapture log = LogCapture.of("event.listener")) {
            assertThat(TlsHello.firstAnswerByte(broker.port("ssl:denied"))).as("closed without a byte").isEqualTo(-1);
            await().atMost(Duration.ofSeconds(10)).until(() -> log.contains("listener.refused", "listener=ssl:denied",
                    "reason=access_rules", "rule=deny 127.0.0.0/8"));
        }
    }

    @Test
    void websocket_deniedPeer_getsNoHttpAnswer() throws Exception {
        assertThat(upgradeAnswer(broker.port("ws:allowed"))).as("control").startsWith("HTTP/1.1 101");
        assertThat(upgradeAnswer(broker.port("ws:denied"))).isEmpty();
    }

    @Test
    void tcp_deniedPeer_getsNoConnack_andTheDefaultListenerStillServes() throws Exception {
        try (RawMqttClient c = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            c.send(new ConnectPacket(MqttVersion.MQTT_5, "ar-control", true, 30, null, null, null,
                    MqttProperties.EMPTY));
            assertThat(c.receive(Duration.ofSeconds(10))).as("control: CONNACK on tcp:default").isNotNull();
        }
        try (Socket s = new Socket("127.0.0.1", broker.port("tcp:denied"))) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(new byte[] {0x10, 0x0D, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C,
                    0x00, 0x01, 'x'});
            assertThat(readOrClosed(s.getInputStream())).isEqualTo(-1);
        } catch (java.net.SocketException reset) {
            // closed before the write: refused as well
        }
    }

    private static String upgradeAnswer(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            String request = "GET /mqtt HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: mqtt\r\n\r\n";
            try {
                s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            } catch (java.net.SocketException closed) {
                return "";
            }
            byte[] buf = new byte[12];
            int n = 0;
            try {
                int r;
                while (n < buf.length && (r = s.getInputStream().read(buf, n, buf.length - n)) > 0) {
                    n += r;
                }
            } catch (java.net.SocketException reset) {
                return "";
            }
            return new String(buf, 0, n, StandardCharsets.US_ASCII);
        }
    }

    private static int readOrClosed(InputStream in) throws Exception {
        try {
            return in.read();
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }
}
