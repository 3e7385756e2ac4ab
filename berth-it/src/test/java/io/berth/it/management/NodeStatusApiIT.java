package io.berth.it.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.berth.server.config.ManagementConfig;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /api/v5/stats}, {@code /nodes}, {@code /status} and {@code /metrics} following real clients' traffic. */
class NodeStatusApiIT {

    @Test
    void statsAndMetrics_countClientsSubscriptionsRetainedAndMessages() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            ManagementHttp http = new ManagementHttp(broker.managementPort());
            JsonNode before = http.get("/api/v5/stats").json();
            assertThat(before.get("connections.count").asInt()).isZero();
            long receivedBefore = http.get("/api/v5/metrics").json().get("messages.received").asLong();

            Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("stats-client").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            c.connect();
            try (var publishes = c.publishes(MqttGlobalPublishFilter.ALL)) {
                c.subscribeWith().topicFilter("stats/a").qos(MqttQos.AT_LEAST_ONCE).send();
                c.subscribeWith().topicFilter("$share/g/stats/b").send();
                c.publishWith().topic("stats/a").payload(new byte[] {1}).retain(true).qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                assertThat(publishes.receive(10, TimeUnit.SECONDS)).isPresent();
            }

            JsonNode stats = http.get("/api/v5/stats").json();
            assertThat(stats.get("connections.count").asInt()).isEqualTo(1);
            assertThat(stats.get("sessions.count").asInt()).isEqualTo(1);
            assertThat(stats.get("subscriptions.count").asInt()).isEqualTo(2);
            assertThat(stats.get("subscriptions.shared.count").asInt()).isEqualTo(1);
            assertThat(stats.get("topics.count").asInt()).isEqualTo(2);
            assertThat(stats.get("retained.count").asInt()).isEqualTo(1);
            JsonNode metrics = http.get("/api/v5/metrics").json();
            assertThat(metrics.get("messages.received").asLong()).isEqualTo(receivedBefore + 1);
            assertThat(metrics.get("messages.sent").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(metrics.get("bytes.received").asLong()).isPositive();

            JsonNode status = http.get("/api/v5/status").json();
            assertThat(status.get("node").asText()).isEqualTo(broker.broker().config().node().name());
            assertThat(status.get("node_status").asText()).isEqualTo("running");
            assertThat(status.get("version").asText()).isNotEmpty();
            assertThat(status.get("uptime").asLong()).isNotNegative();
            assertThat(status.get("memory_used").asLong()).isPositive();
            assertThat(status.get("connections").asInt()).isEqualTo(1);
            assertThat(status.get("listeners").get("running").asInt()).isEqualTo(1);
            JsonNode nodes = http.get("/api/v5/nodes").json();
            assertThat(nodes.isArray()).isTrue();
            assertThat(nodes.get(0).get("node").asText()).isEqualTo(status.get("node").asText());

            c.disconnect();
            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                    http.get("/api/v5/stats").json().get("connections.count").asInt()).isZero());
        }
    }
}
