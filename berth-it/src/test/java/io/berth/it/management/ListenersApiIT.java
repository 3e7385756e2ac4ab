package io.berth.it.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.ManagementConfig;
import io.berth.server.config.TcpListenerConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Runtime listener management through the management HTTP endpoint (EMQX's /api/v5/listeners paths). */
class ListenersApiIT {

    private EmbeddedBroker broker;
    private ManagementHttp http;

    @BeforeEach
    void start() {
        broker = EmbeddedBroker.start(cfg -> cfg
                .withTcpListener(TcpListenerConfig.of("extra", "127.0.0.1", 0))
                .withListener(ListenerConfig.ws("default", "127.0.0.1", 0))
                .withManagement(ManagementConfig.on("127.0.0.1", 0)));
        http = new ManagementHttp(broker.managementPort());
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void list_showsEveryListenerWithStateBindPortAndConnections() throws Exception {
        Mqtt5BlockingClient client = client(broker.port("tcp:extra"));
        try {
            var reply = http.get("/api/v5/listeners");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().isArray()).isTrue();
            JsonNode extra = find(reply.json(), "tcp:extra");
            assertThat(extra.get("type").asText()).isEqualTo("tcp");
            assertThat(extra.get("name").asText()).isEqualTo("extra");
            assertThat(extra.get("running").asBoolean()).isTrue();
            assertThat(extra.get("enable").asBoolean()).isTrue();
            assertThat(extra.get("bind").asText()).isEqualTo("127.0.0.1:0");
            assertThat(extra.get("port").asInt()).isEqualTo(broker.port("tcp:extra"));
            assertThat(extra.get("current_connections").asInt()).isEqualTo(1);
            assertThat(extra.get("max_connections").asInt()).isEqualTo(1024000);
            assertThat(extra.get("tls").asText()).isEqualTo("none");
            assertThat(find(reply.json(), "tcp:default").get("current_connections").asInt()).isZero();
            assertThat(find(reply.json(), "ws:default").get("running").asBoolean()).isTrue();

            var one = http.get("/api/v5/listeners/ws:default");
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.json().get("port").asInt()).isEqualTo(broker.port("ws:default"));
        } finally {
            client.disconnect();
        }
    }

    @Test
    void stop_refusesNewConnectionsAndClosesOpenOnes_otherListenersKeepWorking() throws Exception {
        int extraPort = broker.port("tcp:extra");
        Mqtt5BlockingClient onDefault = client(broker.port());
        CompletableFuture<Throwable> extraClosed = new CompletableFuture<>();
        Mqtt5BlockingClient onExtra = Mqtt5Client.builder().identifier(id()).serverHost("127.0.0.1")
                .serverPort(extraPort).addDisconnectedListener(ctx -> extraClosed.complete(ctx.getCause()))
                .buildBlocking();
        onExtra.connect();

        var reply = http.post("/api/v5/listeners/tcp:extra/stop");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("running").asBoolean()).isFalse();
        assertThat(reply.json().get("current_connections").asInt()).isZero();
        Throwable cause = extraClosed.get(10, TimeUnit.SECONDS);
        assertThat(cause).isInstanceOf(Mqtt5DisconnectException.class);
        assertThat(((Mqtt5DisconnectException) cause).getMqttMessage().getReasonCode())
                .isEqualTo(Mqtt5DisconnectReasonCode.SERVER_SHUTTING_DOWN);
        assertThatThrownBy(() -> new Socket("127.0.0.1", extraPort).close()).isInstanceOf(ConnectException.class);
        assertThat(http.get("/api/v5/listeners/tcp:extra").json().get("running").asBoolean()).isFalse();
        assertRoundTrip(onDefault);
        onDefault.disconnect();
    }

    @Test
    void start_afterStop_acceptsAgain() throws Exception {
        assertThat(http.post("/api/v5/listeners/tcp:extra/stop").status()).isEqualTo(200);

        var reply = http.post("/api/v5/listeners/tcp:extra/start");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("running").asBoolean()).isTrue();
        int port = reply.json().get("port").asInt();
        assertThat(port).isEqualTo(broker.port("tcp:extra"));
        Mqtt5BlockingClient again = client(port);
        assertRoundTrip(again);
        again.disconnect();
    }

    @Test
    void restart_closesConnectionsAndAcceptsOnTheConfiguredPort() throws Exception {
        int fixed = freePort();
        assertThat(http.put("/api/v5/listeners/tcp:extra", "{\"bind\": \"127.0.0.1:" + fixed + "\"}").status())
                .isEqualTo(200);
        CompletableFuture<Throwable> closed = new CompletableFuture<>();
        Mqtt5BlockingClient before = Mqtt5Client.builder().identifier(id()).serverHost("127.0.0.1").serverPort(fixed)
                .addDisconnectedListener(ctx -> closed.complete(ctx.getCause())).buildBlocking();
        before.connect();

        var reply = http.post("/api/v5/listeners/tcp:extra/restart");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("running").asBoolean()).isTrue();
        assertThat(reply.json().get("port").asInt()).isEqualTo(fixed);
        assertThat(closed.get(10, TimeUnit.SECONDS)).isInstanceOf(Mqtt5DisconnectException.class);
        Mqtt5BlockingClient after = client(fixed);
        assertRoundTrip(after);
        after.disconnect();
    }

    @Test
    void start_onAPortInUse_isReportedWithNameAndPort_restKeepsRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             LogCapture log = LogCapture.of("event.listener")) {
            int port = taken.getLocalPort();
            assertThat(http.post("/api/v5/listeners/tcp:extra/stop").status()).isEqualTo(200);
            assertThat(http.put("/api/v5/listeners/tcp:extra", "{\"bind\": \"127.0.0.1:" + port + "\"}").status())
                    .isEqualTo(200);

            var reply = http.post("/api/v5/listeners/tcp:extra/start");

            assertThat(reply.status()).isEqualTo(500);
            assertThat(reply.json().get("code").asText()).isEqualTo("INTERNAL_ERROR");
            assertThat(reply.json().get("message").asText()).contains("tcp:extra").contains(":" + port)
                    .containsIgnoringCase("address already in use");
            assertThat(log.contains("listener.start_failed", "id=tcp:extra", String.valueOf(port))).isTrue();
            assertThat(http.get("/api/v5/listeners/tcp:extra").json().get("running").asBoolean()).isFalse();
            Mqtt5BlockingClient onDefault = client(broker.port());
            assertRoundTrip(onDefault);
            onDefault.disconnect();
        }
    }

    @Test
    void update_toAPortInUse_failsAndKeepsTheOldListenerAndItsConnections() throws Exception {
        int oldPort = broker.port("tcp:extra");
        Mqtt5BlockingClient onExtra = client(oldPort);
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            var reply = http.put("/api/v5/listeners/tcp:extra",
                    "{\"bind\": \"127.0.0.1:" + port + "\", \"max_connections\": 5}");

            assertThat(reply.status()).isEqualTo(500);
            assertThat(reply.json().get("message").asText()).contains("tcp:extra").contains(":" + port);
        }
        var now = http.get("/api/v5/listeners/tcp:extra").json();
        assertThat(now.get("running").asBoolean()).isTrue();
        assertThat(now.get("port").asInt()).isEqualTo(oldPort);
        assertThat(now.get("bind").asText()).isEqualTo("127.0.0.1:0");
        assertThat(now.get("max_connections").asInt()).isEqualTo(1024000);
        assertThat(now.get("current_connections").asInt()).isEqualTo(1);
        assertRoundTrip(onExtra); // the open connection was not touched
        onExtra.disconnect();
    }

    @Test
    void update_movesTheListenerAndAppliesMaxConnections() throws Exception {
        int newPort = freePort();
        var reply = http.put("/api/v5/listeners/tcp:extra",
                "{\"bind\": \"127.0.0.1:" + newPort + "\", \"max_connections\": 1}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("port").asInt()).isEqualTo(newPort);
        assertThat(reply.json().get("max_connections").asInt()).isEqualTo(1);
        Mqtt5BlockingClient first = client(newPort);
        try (Socket second = new Socket("127.0.0.1", newPort)) {
            second.setSoTimeout(5000);
            assertThat(second.getInputStream().read()).isEqualTo(-1); // over max_connections: closed at accept
        }
        assertRoundTrip(first);
        first.disconnect();
    }

    @Test
    void errors_haveEmqxShapeAndStatus() throws Exception {
        var unknown = http.post("/api/v5/listeners/tcp:nope/stop");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(unknown.json().get("message").asText()).contains("tcp:nope");

        var badId = http.get("/api/v5/listeners/nope");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("code").asText()).isEqualTo("BAD_LISTENER_ID");

        var running = http.post("/api/v5/listeners/tcp:default/start");
        assertThat(running.status()).isEqualTo(409);
        assertThat(running.json().get("code").asText()).isEqualTo("BAD_LISTENER_STATE");

        var noTls = http.post("/api/v5/listeners/tcp:default/reload-certs");
        assertThat(noTls.status()).isEqualTo(409);

        var badValue = http.put("/api/v5/listeners/tcp:extra", "{\"max_connections\": -3}");
        assertThat(badValue.status()).isEqualTo(400);
        assertThat(badValue.json().get("message").asText()).contains("max_connections");
        var unknownKey = http.put("/api/v5/listeners/tcp:extra", "{\"bnid\": \"1\"}");
        assertThat(unknownKey.status()).isEqualTo(400);
        assertThat(unknownKey.json().get("message").asText()).contains("bnid").contains("bind");
        var notJson = http.put("/api/v5/listeners/tcp:extra", "bind=1");
        assertThat(notJson.status()).isEqualTo(400);

        var noPath = http.get("/api/v5/nothing");
        assertThat(noPath.status()).isEqualTo(404);
        var wrongMethod = http.delete("/api/v5/listeners");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(http.get("/api/v5/listeners/tcp:extra").json().get("running").asBoolean()).isTrue();
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode n : list) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no listener " + id + " in " + list);
    }

    private static Mqtt5BlockingClient client(int port) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier(id()).serverHost("127.0.0.1").serverPort(port)
                .buildBlocking();
        c.connect();
        return c;
    }

    /** The client can still subscribe and get its own message back. */
    private static void assertRoundTrip(Mqtt5BlockingClient c) throws InterruptedException {
        String topic = "mgmt/" + UUID.randomUUID();
        try (var publishes = c.publishes(MqttGlobalPublishFilter.ALL)) {
            c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            c.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload("x".getBytes(StandardCharsets.UTF_8))
                    .send();
            assertThat(publishes.receive(10, TimeUnit.SECONDS)).isPresent();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    private static String id() {
        return "mgmt-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
