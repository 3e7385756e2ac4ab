package io.berth.it.listeners;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.it.management.ManagementHttp;
import io.berth.server.config.ManagementConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Listeners created, changed and deleted while the broker runs, through {@code POST /api/v5/listeners},
 * {@code PUT /api/v5/listeners/{id}} and {@code DELETE /api/v5/listeners/{id}} (EMQX's paths and body), with real
 * MQTT clients over TCP and TLS.
 */
class RuntimeListenersIT {

    @TempDir
    static Path certDir;

    private EmbeddedBroker broker;
    private ManagementHttp http;

    @BeforeEach
    void start() {
        broker = EmbeddedBroker.start(cfg -> cfg.withManagement(ManagementConfig.on("127.0.0.1", 0)));
        http = new ManagementHttp(broker.managementPort());
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void create_tcpListener_bindsAndCarriesMqtt_andIsListed() throws Exception {
        var reply = http.post("/api/v5/listeners",
                "{\"type\": \"tcp\", \"name\": \"extra\", \"bind\": \"127.0.0.1:0\", \"max_connections\": 50}");

        assertThat(reply.status()).as(String.valueOf(reply.json())).isEqualTo(200);
        assertThat(reply.json().get("id").asText()).isEqualTo("tcp:extra");
        assertThat(reply.json().get("running").asBoolean()).isTrue();
        assertThat(reply.json().get("max_connections").asInt()).isEqualTo(50);
        int port = reply.json().get("port").asInt();
        assertThat(port).isPositive().isEqualTo(broker.port("tcp:extra"));
        assertRoundTrip(port);
        assertThat(find(http.get("/api/v5/listeners").json(), "tcp:extra")).isPresent();
    }

    @Test
    void create_sslListenerWithItsOwnCertificate_acceptsTlsClients() throws Exception {
        TestCertificates certs = TestCertificates.create(certDir.resolve("ssl-" + UUID.randomUUID()));
        var reply = http.post("/api/v5/listeners", "{\"id\": \"ssl:devices\", \"bind\": \"127.0.0.1:0\", "
                + "\"ssl_options\": {\"certfile\": \"" + certs.server().certFile() + "\", \"keyfile\": \""
                + certs.server().keyFile() + "\", \"versions\": [\"tlsv1.3\"]}}");

        assertThat(reply.status()).as(String.valueOf(reply.json())).isEqualTo(200);
        assertThat(reply.json().get("tls").asText()).contains("TLSv1.3").doesNotContain("TLSv1.2");
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("tls-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(broker.port("ssl:devices"))
                .sslConfig().trustManagerFactory(certs.trustManagerFactory()).applySslConfig().buildBlocking();
        client.connect();
        client.disconnect();
    }

    @Test
    void create_badDefinition_isRefusedNamingTheKey_andNothingIsAdded() throws Exception {
        var badBind = http.post("/api/v5/listeners", "{\"type\": \"tcp\", \"name\": \"bad\", \"bind\": \"nowhere\"}");
        assertThat(badBind.status()).isEqualTo(400);
        assertThat(badBind.json().get("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(badBind.json().get("message").asText()).contains("listeners.tcp.bad.bind");

        var unknownKey = http.post("/api/v5/listeners",
                "{\"type\": \"ws\", \"name\": \"bad\", \"bind\": \"127.0.0.1:0\", \"websocket\": {\"mqtt_pth\": \"/x\"}}");
        assertThat(unknownKey.status()).isEqualTo(400);
        assertThat(unknownKey.json().get("message").asText()).contains("listeners.ws.bad.websocket.mqtt_pth");

        var missingCert = http.post("/api/v5/listeners", "{\"type\": \"ssl\", \"name\": \"bad\", \"bind\": "
                + "\"127.0.0.1:0\", \"ssl_options\": {\"certfile\": \"/no/such/cert.pem\", \"keyfile\": \"/no/k.pem\"}}");
        assertThat(missingCert.status()).isEqualTo(400);
        assertThat(missingCert.json().get("message").asText()).contains("listeners.ssl.bad.ssl_options.certfile")
                .contains("no such file");

        var noType = http.post("/api/v5/listeners", "{\"name\": \"bad\", \"bind\": \"127.0.0.1:0\"}");
        assertThat(noType.status()).isEqualTo(400);

        var taken = http.post("/api/v5/listeners", "{\"type\": \"tcp\", \"name\": \"bad\", \"bind\": \"127.0.0.1:"
                + broker.port() + "\"}");
        assertThat(taken.status()).isEqualTo(500);
        assertThat(taken.json().get("message").asText()).contains("tcp:bad").contains(String.valueOf(broker.port()));

        var exists = http.post("/api/v5/listeners", "{\"type\": \"tcp\", \"name\": \"default\", \"bind\": 0}");
        assertThat(exists.status()).isEqualTo(400);
        assertThat(exists.json().get("code").asText()).isEqualTo("BAD_LISTENER_ID");

        JsonNode all = http.get("/api/v5/listeners").json();
        assertThat(find(all, "tcp:bad")).isEmpty();
        assertThat(find(all, "ws:bad")).isEmpty();
        assertThat(find(all, "ssl:bad")).isEmpty();
        assertThat(http.get("/api/v5/listeners/tcp:bad").status()).isEqualTo(404);
        assertRoundTrip(broker.port()); // the others keep serving
    }

    @Test
    void delete_closesTheListenersConnections_andItsPort() throws Exception {
        int port = http.post("/api/v5/listeners", "{\"type\": \"tcp\", \"name\": \"gone\", \"bind\": \"127.0.0.1:0\"}")
                .json().get("port").asInt();
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("del-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        client.connect();

        var reply = http.delete("/api/v5/listeners/tcp:gone");

        assertThat(reply.status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.getState().isConnected());
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 2000))
                .isInstanceOf(IOException.class);
        assertThat(http.get("/api/v5/listeners/tcp:gone").status()).isEqualTo(404);
        assertThat(http.delete("/api/v5/listeners/tcp:gone").status()).isEqualTo(404);
    }

    @Test
    void update_accessRules_takeEffectForNewConnections_MQTTBeforeAnyByte() throws Exception {
        int port = http.post("/api/v5/listeners", "{\"type\": \"tcp\", \"name\": \"guarded\", \"bind\": \"127.0.0.1:0\"}")
                .json().get("port").asInt();
        assertRoundTrip(port);

        var deny = http.put("/api/v5/listeners/tcp:guarded", "{\"access_rules\": [\"deny 127.0.0.1\", \"allow all\"]}");
        assertThat(deny.status()).as(String.valueOf(deny.json())).isEqualTo(200);
        int denied = broker.port("tcp:guarded");
        assertThat(closedRightAfterAccept(denied)).isTrue();

        assertThat(http.put("/api/v5/listeners/tcp:guarded", "{\"access_rules\": [\"allow all\"]}").status())
                .isEqualTo(200);
        assertRoundTrip(broker.port("tcp:guarded"));
    }

    @Test
    void update_websocketPath_movesTheListenerToTheNewPath() throws Exception {
        var created = http.post("/api/v5/listeners", "{\"type\": \"ws\", \"name\": \"web\", \"bind\": \"127.0.0.1:0\"}");
        assertThat(created.status()).isEqualTo(200);

        var moved = http.put("/api/v5/listeners/ws:web", "{\"websocket.mqtt_path\": \"/v2/mqtt\"}");

        assertThat(moved.status()).as(String.valueOf(moved.json())).isEqualTo(200);
        int port = broker.port("ws:web");
        assertThat(httpStatus(port, "/mqtt")).isEqualTo(404);
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("ws-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).webSocketConfig().serverPath("v2/mqtt").applyWebSocketConfig()
                .buildBlocking();
        client.connect();
        client.disconnect();
    }

    @Test
    void update_badValue_changesNothing() throws Exception {
        int port = http.post("/api/v5/listeners", "{\"type\": \"tcp\", \"name\": \"steady\", \"bind\": \"127.0.0.1:0\"}")
                .json().get("port").asInt();

        var bad = http.put("/api/v5/listeners/tcp:steady", "{\"max_conn_rate\": \"fast\"}");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("listeners.tcp.steady.max_conn_rate");
        assertThat(broker.port("tcp:steady")).isEqualTo(port);
        assertRoundTrip(port);
    }

    /** Whether the server closes a fresh connection without answering a CONNECT. */
    private static boolean closedRightAfterAccept(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            try {
                s.getOutputStream().write(new byte[]{0x10, 0x0d, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c,
                        0x00, 0x01, 'x'});
            } catch (IOException reset) {
                return true;
            }
            try {
                return s.getInputStream().read() == -1;
            } catch (IOException reset) {
                return true;
            }
        }
    }

    private static int httpStatus(int port, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade"
                    + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: mqtt\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    static void assertRoundTrip(int port) throws Exception {
        String topic = "rt/" + UUID.randomUUID();
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("rt-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        client.connect();
        try (var publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            client.publishWith().topic(topic).payload("hi".getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.AT_LEAST_ONCE).send();
            Optional<Mqtt5Publish> got = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(got).isPresent();
            assertThat(new String(got.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hi");
        } finally {
            client.disconnect();
        }
    }

    static Optional<JsonNode> find(JsonNode list, String id) {
        for (JsonNode n : list) {
            if (n.get("id").asText().equals(id)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
