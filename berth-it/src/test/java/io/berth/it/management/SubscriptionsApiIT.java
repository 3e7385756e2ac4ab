package io.berth.it.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.berth.server.config.ManagementConfig;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v5/subscriptions} and {@code /api/v5/topics} over real MQTT 5 clients' subscriptions. */
class SubscriptionsApiIT {

    @Test
    void subscriptions_andTopics_listWhatClientsSubscribed_withFilters() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            ManagementHttp http = new ManagementHttp(broker.managementPort());
            String p = "subs-" + UUID.randomUUID().toString().substring(0, 8);
            Mqtt5BlockingClient a = Mqtt5Client.builder().identifier(p + "-a").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            Mqtt5BlockingClient b = Mqtt5Client.builder().identifier(p + "-b").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            a.connect();
            b.connectWith().cleanStart(false).sessionExpiryInterval(30).send();
            a.subscribeWith().topicFilter(p + "/x").qos(MqttQos.EXACTLY_ONCE).noLocal(true).send();
            b.subscribeWith().topicFilter(p + "/x").qos(MqttQos.AT_MOST_ONCE).send();
            b.subscribeWith().topicFilter("$share/grp/" + p + "/y/#").qos(MqttQos.AT_LEAST_ONCE).send();
            b.disconnect(); // the session and its subscriptions stay: they are still listed

            JsonNode all = http.get("/api/v5/subscriptions").json();
            assertThat(all.get("meta").get("count").asInt()).isEqualTo(3);
            JsonNode first = all.get("data").get(0);
            assertThat(first.get("clientid").asText()).isEqualTo(p + "-a");
            assertThat(first.get("topic").asText()).isEqualTo(p + "/x");
            assertThat(first.get("qos").asInt()).isEqualTo(2);
            assertThat(first.get("nl").asInt()).isEqualTo(1);

            assertThat(topics(http.get("/api/v5/subscriptions?clientid=" + p + "-b").json()))
                    .containsExactly("$share/grp/" + p + "/y/#", p + "/x");
            assertThat(topics(http.get("/api/v5/subscriptions?qos=2").json())).containsExactly(p + "/x");
            assertThat(topics(http.get("/api/v5/subscriptions?share_group=grp").json()))
                    .containsExactly("$share/grp/" + p + "/y/#");
            assertThat(clients(http.get("/api/v5/subscriptions?topic=" + p + "/x").json()))
                    .containsExactly(p + "-a", p + "-b");
            JsonNode paged = http.get("/api/v5/subscriptions?limit=1&page=3").json();
            assertThat(paged.get("data").size()).isEqualTo(1);
            assertThat(paged.get("meta").get("count").asInt()).isEqualTo(3);

            JsonNode routes = http.get("/api/v5/topics").json();
            assertThat(topics(routes)).containsExactly(p + "/x", p + "/y/#");
            assertThat(routes.get("data").get(0).get("node").asText()).isNotEmpty();
            assertThat(topics(http.get("/api/v5/topics?topic=" + p + "/y/%23").json())).containsExactly(p + "/y/#");
            assertThat(http.get("/api/v5/subscriptions?qos=3").status()).isEqualTo(400);
            a.disconnect();
        }
    }

    private static List<String> topics(JsonNode page) {
        return StreamSupport.stream(page.get("data").spliterator(), false).map(s -> s.get("topic").asText()).toList();
    }

    private static List<String> clients(JsonNode page) {
        return StreamSupport.stream(page.get("data").spliterator(), false).map(s -> s.get("clientid").asText())
                .toList();
    }
}
