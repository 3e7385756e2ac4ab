package io.berth.it.protection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.core.ban.Ban;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.ListenerProtection;
import io.berth.server.config.SslOptions;
import io.berth.server.protection.AccessRules;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connection log ({@code <log.dir>/events.log}): every line is one JSON object, with the fields
 * docs/operations.md lists for connection attempts (TLS details included), disconnects, authentication failures,
 * refusals at accept time and bans; the same events are published under {@code $SYS/brokers/<node>/events/}.
 */
class ConnectionLogIT {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode node = JSON.readTree(line); // throws on a line that is not JSON
            assertThat(node.isObject()).as(line).isTrue();
            out.add(node);
        }
        return out;
    }

    static JsonNode awaitEvent(Path file, String event, String field, String value) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(TIMEOUT).until(() -> {
            for (JsonNode n : lines(file)) {
                if (n.path("event").asText().equals(event) && n.path(field).asText().equals(value)) {
                    found[0] = n;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    @Test
    void everyLineIsJson_withTheDocumentedFieldsForEachEvent() throws Exception {
        Path dir = Brokers.freshDir();
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        SslOptions ssl = SslOptions.defaults().withCertificate(certs.server().certFile(), certs.server().keyFile(),
                null);
        Path file = dir.resolve("log").resolve("events.log");
        String id = "log-" + UUID.randomUUID();
        String tlsId = "log-tls-" + UUID.randomUUID();
        try (EmbeddedBroker broker = Brokers.start(dir, c -> c
                .withListener(ListenerConfig.ssl("default", "127.0.0.1", 0, ssl))
                .withTcpListener("closed", "127.0.0.1", 0)
                .withListenerProtection("tcp:closed",
                        ListenerProtection.DEFAULTS.withAccessRules(AccessRules.parse(List.of("deny all")))))) {
            assertThat(broker.broker().protection().eventsFile()).isEqualTo(file);
            Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            client.connect();
            client.publishWith().topic("log/t").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[100]).send();
            client.disconnect();
            Mqtt5BlockingClient tls = Mqtt5Client.builder().identifier(tlsId).serverHost("127.0.0.1")
                    .serverPort(broker.port("ssl:default")).sslConfig()
                    .trustManagerFactory(certs.trustManagerFactory()).applySslConfig().buildBlocking();
            tls.connect();
            tls.disconnect();
            try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
                raw.send(new ConnectPacket(MqttVersion.MQTT_3_1_1, "log-bad", true, 30, "nobody",
                        "x".getBytes(StandardCharsets.UTF_8), null, MqttProperties.EMPTY));
                assertThat(raw.receive(TIMEOUT)).isInstanceOf(ConnAckPacket.class);
            }
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", broker.port("tcp:closed"))) {
                s.setSoTimeout(10_000);
                try {
                    assertThat(s.getInputStream().read()).isEqualTo(-1);
                } catch (java.net.SocketException reset) {
                    // refused either way
                }
            }
            broker.broker().protection().bans().add(new Ban(Ban.Kind.CLIENTID, "log-ban", "spam", "ops",
                    Instant.now(), null));

            JsonNode connect = awaitEvent(file, "connect", "client_id", id);
            assertThat(connect.path("result").asText()).isEqualTo("success");
            assertThat(connect.path("reason_code").asText()).isEqualTo("0x00");
            assertThat(connect.path("listener").asText()).isEqualTo("tcp:default");
            assertThat(connect.path("transport").asText()).isEqualTo("tcp");
            assertThat(connect.path("peer_address").asText()).isEqualTo("127.0.0.1");
            assertThat(connect.path("peer_port").asInt()).isPositive();
            assertThat(connect.path("protocol_version").asText()).isEqualTo("5");
            assertThat(connect.path("handshake_ms").isNumber()).isTrue();
            assertThat(connect.path("time").asText()).isNotEmpty();
            assertThat(connect.has("tls_version")).isTrue();

            JsonNode disconnect = awaitEvent(file, "disconnect", "client_id", id);
            assertThat(disconnect.path("reason").asText()).isEqualTo("client_disconnect");
            assertThat(disconnect.path("bytes_in").asLong()).isGreaterThan(100);
            assertThat(disconnect.path("bytes_out").asLong()).isPositive();
            assertThat(disconnect.path("packets_in").asLong()).isGreaterThanOrEqualTo(3); // CONNECT, PUBLISH, DISCONNECT
            assertThat(disconnect.path("packets_out").asLong()).isGreaterThanOrEqualTo(2); // CONNACK, PUBACK
            assertThat(disconnect.path("duration_ms").isNumber()).isTrue();

            JsonNode tlsConnect = awaitEvent(file, "connect", "client_id", tlsId);
            assertThat(tlsConnect.path("transport").asText()).isEqualTo("ssl");
            assertThat(tlsConnect.path("tls_version").asText()).startsWith("TLSv1.");
            assertThat(tlsConnect.path("tls_cipher").asText()).isNotEmpty();

            JsonNode refused = awaitEvent(file, "connect", "client_id", "log-bad");
            assertThat(refused.path("result").asText()).isEqualTo("refused");
            assertThat(refused.path("reason_code").asText()).isEqualTo("0x86");
            assertThat(refused.path("protocol_version").asText()).isEqualTo("3.1.1");
            assertThat(refused.path("username").asText()).isEqualTo("nobody");
            awaitEvent(file, "auth_failure", "client_id", "log-bad");

            JsonNode gate = awaitEvent(file, "connection_refused", "listener", "tcp:closed");
            assertThat(gate.path("reason").asText()).isEqualTo("access_rules");

            JsonNode ban = awaitEvent(file, "ban", "who", "log-ban");
            assertThat(ban.path("kind").asText()).isEqualTo("clientid");
            assertThat(ban.path("reason").asText()).isEqualTo("spam");
        }
        // all lines, written until the broker closed, are JSON (lines() throws otherwise)
        assertThat(lines(file)).allSatisfy(n -> assertThat(n.path("event").asText()).isNotEmpty());
    }

    @Test
    void aclDenials_areLogged_andSampledAtTenASecond() throws Exception {
        Path dir = Brokers.freshDir();
        Path acl = Files.createDirectories(dir).resolve("acl.conf");
        Files.writeString(acl, "{deny, all, publish, [\"secret/#\"]}.\n{allow, all, all, [\"#\"]}.\n");
        Path file = dir.resolve("log").resolve("events.log");
        String id = "acl-" + UUID.randomUUID();
        try (EmbeddedBroker broker = Brokers.start(dir, c -> c.withAuthorization(
                c.authorization().withAclFile(acl)))) {
            Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            client.connect();
            long start = System.nanoTime();
            for (int i = 0; i < 30; i++) {
                int n = i;
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.publishWith().topic("secret/" + n)
                        .qos(MqttQos.AT_LEAST_ONCE).send())
                        .isInstanceOf(com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException.class); // 0x87
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            client.disconnect();
            awaitEvent(file, "disconnect", "client_id", id); // written after every denial
            List<JsonNode> denials = lines(file).stream()
                    .filter(n -> n.path("event").asText().equals("acl_denied")).toList();
            // sampled: a burst of 10, then 10 a second
            assertThat(denials).isNotEmpty().hasSizeLessThanOrEqualTo(11 + (int) (10 * seconds));
            assertThat(denials.get(0).path("action").asText()).isEqualTo("publish");
            assertThat(denials.get(0).path("topic").asText()).isEqualTo("secret/0");
            assertThat(denials.get(0).path("client_id").asText()).isEqualTo(id);
        }
    }

    @Test
    void events_arePublishedUnderSys() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c)) {
            Mqtt5BlockingClient watcher = Mqtt5Client.builder().identifier("watch-" + UUID.randomUUID())
                    .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
            watcher.connect();
            String node = broker.broker().config().node().name();
            try (var publishes = watcher.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
                watcher.subscribeWith().topicFilter("$SYS/brokers/" + node + "/events/connect").send();
                String id = "sys-" + UUID.randomUUID();
                Mqtt5BlockingClient c = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1")
                        .serverPort(broker.port()).buildBlocking();
                c.connect();
                c.disconnect();
                var got = publishes.receive(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                assertThat(got).isPresent();
                JsonNode n = JSON.readTree(got.get().getPayloadAsBytes());
                assertThat(n.path("client_id").asText()).isEqualTo(id);
            }
            watcher.disconnect();
        }
    }
}
