package io.berth.it.websocket;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.SslOptions;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MQTT over WebSocket ({@code ws}) and secure WebSocket ({@code wss}): HiveMQ MQTT Client on both, and a raw
 * WebSocket client for split and batched packets, wrong paths and subprotocols, and X-Forwarded-For
 * (MQTT 5.0 spec 6.0: binary frames, subprotocol "mqtt", packets not aligned with frames).
 */
class WebSocketIT {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** CONNECT, MQTT 3.1.1, clean session, keepalive 60, client id "ws1". */
    static final byte[] CONNECT = {0x10, 15, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 3, 'w', 's', '1'};
    static final byte[] CONNACK = {0x20, 2, 0, 0};
    static final byte[] PINGREQ = {(byte) 0xC0, 0};
    static final byte[] PINGRESP = {(byte) 0xD0, 0};

    static TestCertificates certs;
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        certs = TestCertificates.create(Path.of("target", "ws-it", UUID.randomUUID().toString()));
        SslOptions ssl = SslOptions.defaults().withCertificate(certs.server().certFile(), certs.server().keyFile(),
                null);
        ListenerConfig proxied = ListenerConfig.ws("proxied", "127.0.0.1", 0);
        broker = EmbeddedBroker.start(c -> c
                .withListener(ListenerConfig.ws("default", "127.0.0.1", 0))
                .withListener(proxied.withWebSocket(proxied.websocket().withProxyAddressHeader("X-Forwarded-For")))
                .withListener(ListenerConfig.wss("default", "127.0.0.1", 0, ssl)));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void hiveMq5_overWebSocket_publishesAndSubscribes() throws Exception {
        roundTrip(false);
    }

    @Test
    void hiveMq5_overSecureWebSocket_publishesAndSubscribes() throws Exception {
        roundTrip(true);
    }

    private static void roundTrip(boolean secure) throws Exception {
        Mqtt5BlockingClient sub = v5(secure);
        Mqtt5BlockingClient pub = v5(secure);
        sub.connect();
        pub.connect();
        try (var publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            String topic = "ws/" + UUID.randomUUID();
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();
            byte[] big = new byte[200_000]; // many TCP segments, one MQTT packet
            Arrays.fill(big, (byte) 'x');
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload("small".getBytes()).send();
            pub.publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE).payload(big).send();

            Optional<Mqtt5Publish> first = publishes.receive(10, TimeUnit.SECONDS);
            Optional<Mqtt5Publish> second = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(first).isPresent();
            assertThat(new String(first.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("small");
            assertThat(second).isPresent();
            assertThat(second.get().getPayloadAsBytes()).isEqualTo(big);
        } finally {
            sub.disconnect();
            pub.disconnect();
        }
    }

    private static Mqtt5BlockingClient v5(boolean secure) {
        var b = Mqtt5Client.builder().identifier("ws-" + UUID.randomUUID()).serverHost("127.0.0.1")
                .serverPort(broker.port(secure ? "wss:default" : "ws:default"))
                .webSocketConfig().serverPath("mqtt").applyWebSocketConfig();
        if (secure) {
            b = b.sslConfig().trustManagerFactory(certs.trustManagerFactory()).applySslConfig();
        }
        return b.buildBlocking();
    }

    @Test
    void hiveMq3_overWebSocket_connects() {
        Mqtt3BlockingClient c = Mqtt3Client.builder().identifier("ws3-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(broker.port("ws:default"))
                .webSocketConfig().serverPath("mqtt").applyWebSocketConfig().buildBlocking();
        assertThat(c.connect().getReturnCode().isError()).isFalse();
        c.disconnect();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqtt", "mqttv3.1", "mqttv5", "foo, mqtt"})
    void upgrade_withAnMqttSubprotocol_isAccepted(String offered) throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(broker.port("ws:default"), "/mqtt", offered)) {
            assertThat(ws.responseHead()).startsWith("HTTP/1.1 101");
            assertThat(ws.responseHead().toLowerCase()).containsPattern("sec-websocket-protocol: mqtt");
        }
    }

    @Test
    void packetSplitAcrossFrames_isReassembled() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(broker.port("ws:default"), "/mqtt", "mqtt")) {
            ws.sendBinary(Arrays.copyOfRange(CONNECT, 0, 5));
            ws.sendBinary(Arrays.copyOfRange(CONNECT, 5, 11));
            ws.sendBinary(Arrays.copyOfRange(CONNECT, 11, CONNECT.length));
            assertThat(ws.receiveBinary()).isEqualTo(CONNACK);
        }
    }

    @Test
    void severalPacketsInOneFrame_areAllHandled() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(broker.port("ws:default"), "/mqtt", "mqtt")) {
            byte[] both = new byte[CONNECT.length + PINGREQ.length];
            System.arraycopy(CONNECT, 0, both, 0, CONNECT.length);
            System.arraycopy(PINGREQ, 0, both, CONNECT.length, PINGREQ.length);
            ws.sendBinary(both);
            byte[] answer = ws.receiveBinary();
            // CONNACK and PINGRESP, in one frame or two
            byte[] all = answer.length == 4 ? concat(answer, ws.receiveBinary()) : answer;
            assertThat(all).isEqualTo(concat(CONNACK, PINGRESP));
        }
    }

    @Test
    void wrongPath_getsHttp404_andALogLine() throws Exception {
        try (LogCapture log = LogCapture.of("event.listener");
             RawWebSocket ws = RawWebSocket.open(broker.port("ws:default"), "/other", "mqtt")) {
            assertThat(ws.responseHead()).startsWith("HTTP/1.1 404");
            assertThat(ws.readRest()).contains("/other is not the MQTT path /mqtt");
            await().atMost(TIMEOUT).until(() -> log.contains("websocket.rejected", "listener=ws:default",
                    "status=404"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "chat"})
    void missingOrWrongSubprotocol_getsHttp400_andALogLine(String offered) throws Exception {
        try (LogCapture log = LogCapture.of("event.listener");
             RawWebSocket ws = RawWebSocket.open(broker.port("ws:default"), "/mqtt",
                     offered.isEmpty() ? null : offered)) {
            assertThat(ws.responseHead()).startsWith("HTTP/1.1 400");
            assertThat(ws.readRest()).contains("Sec-WebSocket-Protocol must offer one of [mqtt, mqttv3.1, mqttv5]");
            await().atMost(TIMEOUT).until(() -> log.contains("websocket.rejected", "status=400"));
        }
        hiveMq3_overWebSocket_connects(); // the listener keeps serving
    }

    @Test
    void xForwardedFor_setsTheClientAddressInLogs_whenConfigured() throws Exception {
        try (LogCapture log = LogCapture.of("event.connection");
             RawWebSocket ws = RawWebSocket.open(broker.port("ws:proxied"), "/mqtt", "mqtt",
                     "X-Forwarded-For: 203.0.113.7, 10.0.0.1")) {
            ws.sendBinary(CONNECT);
            assertThat(ws.receiveBinary()).isEqualTo(CONNACK);
            await().atMost(TIMEOUT).until(() -> log.contains("client.connect", "remote=203.0.113.7",
                    "listener=ws:proxied"));
        }
    }

    @Test
    void xForwardedFor_isIgnored_whenNotConfigured() throws Exception {
        try (LogCapture log = LogCapture.of("event.connection");
             RawWebSocket ws = RawWebSocket.open(broker.port("ws:default"), "/mqtt", "mqtt",
                     "X-Forwarded-For: 203.0.113.8")) {
            ws.sendBinary(CONNECT);
            assertThat(ws.receiveBinary()).isEqualTo(CONNACK);
            await().atMost(TIMEOUT).until(() -> log.contains("client.connect", "listener=ws:default",
                    "remote=127.0.0.1"));
            assertThat(log.contains("203.0.113.8")).isFalse();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
