package io.berth.it.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.berth.server.config.ManagementConfig;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The clients API ({@code /api/v5/clients}) observing and kicking real MQTT 3.1.1 and 5 clients: EMQX's field names,
 * paging, filters, DISCONNECT 0x98 on kick (MQTT 5 spec 3.14.2.1, Administrative action) and the session kept per its
 * expiry interval.
 */
class ClientsApiIT {

    private static EmbeddedBroker broker;
    private static ManagementHttp http;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start(c -> c.withManagement(ManagementConfig.on("127.0.0.1", 0)));
        http = new ManagementHttp(broker.managementPort());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Mqtt5BlockingClient v5(String id) {
        return Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
    }

    @Test
    void list_showsConnectedClientsWithEmqxFields_andFiltersAndPages() throws Exception {
        String prefix = unique("list");
        Mqtt5BlockingClient a = v5(prefix + "-a");
        Mqtt5BlockingClient b = v5(prefix + "-b");
        Mqtt3BlockingClient c = Mqtt3Client.builder().identifier(prefix + "-c").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildBlocking();
        a.connectWith().keepAlive(30).send();
        b.connect();
        c.connect();
        a.subscribeWith().topicFilter(prefix + "/x").qos(MqttQos.AT_LEAST_ONCE).send();
        try {
            ManagementHttp.Reply all = http.get("/api/v5/clients?like_clientid=" + prefix);
            assertThat(all.status()).isEqualTo(200);
            assertThat(all.json().get("meta").get("count").asInt()).isEqualTo(3);
            assertThat(ids(all.json())).containsExactly(prefix + "-a", prefix + "-b", prefix + "-c");
            JsonNode first = all.json().get("data").get(0);
            assertThat(first.get("connected").asBoolean()).isTrue();
            assertThat(first.get("conn_state").asText()).isEqualTo("connected");
            assertThat(first.get("listener").asText()).isEqualTo("tcp:default");
            assertThat(first.get("ip_address").asText()).isEqualTo("127.0.0.1");
            assertThat(first.get("proto_ver").asInt()).isEqualTo(5);
            assertThat(first.get("keepalive").asInt()).isEqualTo(30);
            assertThat(first.get("subscriptions_cnt").asInt()).isEqualTo(1);

            JsonNode v4 = http.get("/api/v5/clients?like_clientid=" + prefix + "&proto_ver=4").json();
            assertThat(ids(v4)).containsExactly(prefix + "-c");
            assertThat(v4.get("data").get(0).get("proto_name").asText()).isEqualTo("MQTT");

            JsonNode page2 = http.get("/api/v5/clients?like_clientid=" + prefix + "&limit=2&page=2").json();
            assertThat(ids(page2)).containsExactly(prefix + "-c");
            assertThat(page2.get("meta").get("page").asInt()).isEqualTo(2);
            assertThat(page2.get("meta").get("limit").asInt()).isEqualTo(2);
            assertThat(page2.get("meta").get("count").asInt()).isEqualTo(3);
            assertThat(page2.get("meta").get("hasnext").asBoolean()).isFalse();

            JsonNode exact = http.get("/api/v5/clients?clientid=" + prefix + "-b").json();
            assertThat(ids(exact)).containsExactly(prefix + "-b");
        } finally {
            a.disconnect();
            b.disconnect();
            c.disconnect();
        }
    }

    @Test
    void show_countsTheClientsTrafficAndSubscriptions() throws Exception {
        String id = unique("show");
        Mqtt5BlockingClient client = v5(id);
        client.connect();
        try (var publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter(id + "/t").qos(MqttQos.AT_LEAST_ONCE).send();
            client.subscribeWith().topicFilter("$share/g1/" + id + "/s").send();
            client.publishWith().topic(id + "/t").payload("hello".getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.AT_LEAST_ONCE).send();
            assertThat(publishes.receive(10, TimeUnit.SECONDS)).isPresent(); // the broker routed it back

            ManagementHttp.Reply shown = http.get("/api/v5/clients/" + id);
            assertThat(shown.status()).isEqualTo(200);
            JsonNode c = shown.json();
            assertThat(c.get("clientid").asText()).isEqualTo(id);
            assertThat(c.get("subscriptions_cnt").asInt()).isEqualTo(2);
            assertThat(c.get("recv_msg").asLong()).isEqualTo(1);
            assertThat(c.get("send_msg").asLong()).isEqualTo(1);
            assertThat(c.get("recv_oct").asLong()).isPositive();
            assertThat(c.get("send_oct").asLong()).isPositive();
            assertThat(c.get("connected_at").asText()).isNotEmpty();
            assertThat(c.get("inflight_cnt").asInt()).isZero();

            JsonNode subs = http.get("/api/v5/clients/" + id + "/subscriptions").json();
            assertThat(StreamSupport.stream(subs.spliterator(), false).map(s -> s.get("topic").asText()))
                    .containsExactlyInAnyOrder(id + "/t", "$share/g1/" + id + "/s");
            JsonNode shared = StreamSupport.stream(subs.spliterator(), false)
                    .filter(s -> s.get("topic").asText().startsWith("$share/")).findFirst().orElseThrow();
            assertThat(shared.get("share").asText()).isEqualTo("g1");
        } finally {
            client.disconnect();
        }
    }

    @Test
    void kick_sendsDisconnect0x98_andKeepsAPersistentSessionAsDisconnected() throws Exception {
        String id = unique("kick");
        CompletableFuture<Throwable> kicked = new CompletableFuture<>();
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1")
                .serverPort(broker.port()).addDisconnectedListener(ctx -> kicked.complete(ctx.getCause()))
                .buildBlocking();
        client.connectWith().cleanStart(false).sessionExpiryInterval(60).send();
        client.subscribeWith().topicFilter(id + "/kept").send();

        assertThat(http.delete("/api/v5/clients/" + id).status()).isEqualTo(204);

        Throwable cause = kicked.get(10, TimeUnit.SECONDS);
        assertThat(cause).isInstanceOfSatisfying(Mqtt5DisconnectException.class, e -> assertThat(
                e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.ADMINISTRATIVE_ACTION));
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            ManagementHttp.Reply after = http.get("/api/v5/clients/" + id);
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.json().get("connected").asBoolean()).isFalse();
            assertThat(after.json().get("conn_state").asText()).isEqualTo("disconnected");
            assertThat(after.json().get("subscriptions_cnt").asInt()).isEqualTo(1);
            assertThat(after.json().get("expiry_interval").asLong()).isEqualTo(60);
        });
        JsonNode offline = http.get("/api/v5/clients?conn_state=disconnected&clientid=" + id).json();
        assertThat(ids(offline)).containsExactly(id);
        assertThat(http.delete("/api/v5/clients/" + id).status()).isEqualTo(404); // nothing connected to kick
    }

    @Test
    void kick_ofAnMqtt311Client_closesItsConnection_andEndsACleanSession() throws Exception {
        String id = unique("kick3");
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Mqtt3BlockingClient client = Mqtt3Client.builder().identifier(id).serverHost("127.0.0.1")
                .serverPort(broker.port()).addDisconnectedListener(ctx -> closed.complete(null)).buildBlocking();
        client.connect();

        assertThat(http.delete("/api/v5/clients/" + id).status()).isEqualTo(204);

        closed.get(10, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(http.get("/api/v5/clients/" + id).status()).isEqualTo(404));
    }

    @Test
    void unknownClient_is404_andBadFilters_are400NamingTheParameter() throws Exception {
        ManagementHttp.Reply missing = http.get("/api/v5/clients/" + unique("nobody"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("CLIENTID_NOT_FOUND");
        for (String bad : List.of("page=0", "limit=abc", "limit=10001", "conn_state=sleeping", "proto_ver=6")) {
            ManagementHttp.Reply reply = http.get("/api/v5/clients?" + bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.json().get("message").asText()).as(bad).contains(bad.substring(0, bad.indexOf('=')));
        }
    }

    static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.get("data").spliterator(), false).map(c -> c.get("clientid").asText())
                .toList();
    }
}
