package io.berth.it.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.berth.server.config.ManagementConfig;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /api/v5/events}: the connection log's recent events, newest first, filtered by client id and address. */
class EventsApiIT {

    @Test
    void events_showAClientsConnectAndDisconnect_newestFirst() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            ManagementHttp http = new ManagementHttp(broker.managementPort());
            String id = "events-" + UUID.randomUUID().toString().substring(0, 8);
            Mqtt5BlockingClient c = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            c.connect();
            c.disconnect();
            Mqtt5BlockingClient other = Mqtt5Client.builder().identifier(id + "-other").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            other.connect();
            other.disconnect();

            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                    events(http.get("/api/v5/events?clientid=" + id).json())).containsExactly("disconnect", "connect"));
            JsonNode connect = http.get("/api/v5/events?clientid=" + id + "&event=connect").json().get("data").get(0);
            assertThat(connect.get("result").asText()).isEqualTo("success");
            assertThat(connect.get("listener").asText()).isEqualTo("tcp:default");
            assertThat(connect.get("peer_address").asText()).isEqualTo("127.0.0.1");
            JsonNode byIp = http.get("/api/v5/events?ip=127.0.0.1&limit=1").json();
            assertThat(byIp.get("data").size()).isEqualTo(1);
            assertThat(byIp.get("data").get(0).get("client_id").asText()).isEqualTo(id + "-other");
            assertThat(http.get("/api/v5/events?limit=0").status()).isEqualTo(400);
        }
    }

    private static List<String> events(JsonNode page) {
        return StreamSupport.stream(page.get("data").spliterator(), false).map(e -> e.get("event").asText()).toList();
    }
}
