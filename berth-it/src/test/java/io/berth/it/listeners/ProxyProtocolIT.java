package io.berth.it.listeners;

import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.ProxyProtocolConfig;
import io.berth.server.config.SslOptions;
import io.berth.server.config.TcpListenerConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import io.berth.testkit.RawMqttClient;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code proxy_protocol = true}: a load balancer's PROXY protocol v1/v2 header, sent by a raw socket before the MQTT
 * bytes, makes its source address the client's address in logs and in {@code allow_anonymous} (loopback only by
 * default), on tcp and on ssl (header before the TLS handshake).
 */
class ProxyProtocolIT {

    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        TestCertificates certs = TestCertificates.create(Path.of("target", "proxy-it", UUID.randomUUID().toString()));
        ProxyProtocolConfig proxy = ProxyProtocolConfig.required(Duration.ofMillis(500));
        broker = EmbeddedBroker.start(c -> c
                .withTcpListener(TcpListenerConfig.of("proxied", "127.0.0.1", 0).withProxyProtocol(proxy))
                .withListener(ListenerConfig.ssl("proxied", "127.0.0.1", 0, SslOptions.defaults()
                        .withCertificate(certs.server().certFile(), certs.server().keyFile(), null))
                        .withProxyProtocol(proxy)));
        sslContext = certs;
    }

    private static TestCertificates sslContext;

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void v1Header_sourceAddressIsTheClientAddressInTheLog() throws Exception {
        try (LogCapture log = LogCapture.of("event.connection");
             RawMqttClient c = RawMqttClient.connect("127.0.0.1", broker.port("tcp:proxied"), MqttVersion.MQTT_5)) {
            c.sendBytes(ascii("PROXY TCP4 127.0.0.5 127.0.0.1 51234 1883\r\n"));
            c.send(new ConnectPacket(MqttVersion.MQTT_5, "proxy-v1", true, 60, null, null, null, null));

            assertThat(connAck(c.receive(Duration.ofSeconds(10)))).isEqualTo(ReasonCode.SUCCESS);
            await().atMost(Duration.ofSeconds(10)).until(() -> log.contains("client.connect clientId=proxy-v1",
                    "remote=127.0.0.5:51234", "listener=tcp:proxied"));
        }
    }

    @Test
    void v2Header_nonLoopbackSource_isJudgedByThatAddress_anonymousRefused() throws Exception {
        try (LogCapture log = LogCapture.of("event.connection");
             RawMqttClient c = RawMqttClient.connect("127.0.0.1", broker.port("tcp:proxied"), MqttVersion.MQTT_5)) {
            c.sendBytes(v2Header(new int[] {203, 0, 113, 7}, 40000));
            c.send(new ConnectPacket(MqttVersion.MQTT_5, "proxy-v2", true, 60, null, null, null, null));

            // allow_anonymous = "loopback": the socket is loopback, the client behind the proxy is not
            assertThat(connAck(c.receive(Duration.ofSeconds(10)))).isEqualTo(ReasonCode.NOT_AUTHORIZED);
            assertThat(log.contains("proxy-v2", "remote=203.0.113.7:40000")).isTrue();
        }
    }

    @Test
    void v2LocalCommand_keepsTheSocketAddress() throws Exception {
        try (LogCapture log = LogCapture.of("event.connection");
             RawMqttClient c = RawMqttClient.connect("127.0.0.1", broker.port("tcp:proxied"), MqttVersion.MQTT_5)) {
            byte[] local = new byte[16];
            System.arraycopy(SIGNATURE, 0, local, 0, 12);
            local[12] = 0x20; // version 2, LOCAL (a proxy's own health check)
            local[13] = 0x00; // UNSPEC
            c.sendBytes(local);
            c.send(new ConnectPacket(MqttVersion.MQTT_5, "proxy-local", true, 60, null, null, null, null));

            assertThat(connAck(c.receive(Duration.ofSeconds(10)))).isEqualTo(ReasonCode.SUCCESS);
            await().atMost(Duration.ofSeconds(10)).until(() -> log.contains("client.connect clientId=proxy-local",
                    "remote=127.0.0.1:"));
        }
    }

    @Test
    void noHeader_connectionIsClosedAndLogged() throws Exception {
        try (LogCapture log = LogCapture.of("event.listener");
             RawMqttClient c = RawMqttClient.connect("127.0.0.1", broker.port("tcp:proxied"), MqttVersion.MQTT_5)) {
            c.send(new ConnectPacket(MqttVersion.MQTT_5, "proxy-none", true, 60, null, null, null, null));

            assertThat(c.awaitClosed(Duration.ofSeconds(10))).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> log.contains("proxy_protocol.invalid",
                    "listener=tcp:proxied"));
        }
    }

    @Test
    void silence_isClosedAfterTheProxyProtocolTimeout() throws Exception {
        try (LogCapture log = LogCapture.of("event.listener");
             RawMqttClient c = RawMqttClient.connect("127.0.0.1", broker.port("tcp:proxied"), MqttVersion.MQTT_5)) {
            assertThat(c.awaitClosed(Duration.ofSeconds(10))).isTrue();
            assertThat(log.contains("proxy_protocol.timeout", "listener=tcp:proxied", "timeout=500ms")).isTrue();
        }
    }

    @Test
    void sslListener_headerBeforeTheTlsHandshake() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, sslContext.trustManagerFactory().getTrustManagers(), null);
        int port = broker.port("ssl:proxied");
        try (LogCapture log = LogCapture.of("event.connection"); Socket raw = new Socket("127.0.0.1", port)) {
            raw.getOutputStream().write(ascii("PROXY TCP4 127.0.0.9 127.0.0.1 50999 8883\r\n"));
            raw.getOutputStream().flush();
            try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, "localhost", port, true)) {
                s.setSoTimeout(10_000);
                s.startHandshake();
                // MQTT 3.1.1 CONNECT, client id "p", clean session, keepalive 60
                s.getOutputStream().write(new byte[] {0x10, 0x0D, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 1, 'p'});
                s.getOutputStream().flush();
                assertThat(readN(s.getInputStream(), 4)).containsExactly(0x20, 0x02, 0x00, 0x00);
                await().atMost(Duration.ofSeconds(10)).until(() -> log.contains("client.connect clientId=p ",
                        "remote=127.0.0.9:50999", "listener=ssl:proxied"));
            }
        }
    }

    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    /** A PROXY protocol v2 header: PROXY command, TCP over IPv4, source {@code ip:port}, destination 127.0.0.1:1883. */
    private static byte[] v2Header(int[] ip, int port) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(SIGNATURE);
        b.write(0x21); // version 2, PROXY
        b.write(0x11); // AF_INET, STREAM
        b.write(0);
        b.write(12);   // address block length
        for (int octet : ip) {
            b.write(octet);
        }
        b.writeBytes(new byte[] {127, 0, 0, 1});
        b.write(port >> 8);
        b.write(port & 0xFF);
        b.write(1883 >> 8);
        b.write(1883 & 0xFF);
        return b.toByteArray();
    }

    private static ReasonCode connAck(MqttPacket p) {
        assertThat(p).isInstanceOf(ConnAckPacket.class);
        return ((ConnAckPacket) p).reasonCode();
    }

    private static int[] readN(InputStream in, int n) throws java.io.IOException {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = in.read();
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
