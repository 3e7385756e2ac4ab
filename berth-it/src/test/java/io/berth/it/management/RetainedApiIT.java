package io.berth.it.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.server.config.ManagementConfig;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retained messages through {@code /api/v5/mqtt/retainer/...}: listed, shown with the payload in base64, deleted so
 * that a new subscriber gets nothing (MQTT-3.3.1-9: a subscriber gets the retained messages there are) and so that
 * the durable store forgets it across a restart.
 */
class RetainedApiIT {

    @TempDir
    Path store;

    private static EmbeddedBroker start(Path store) {
        return EmbeddedBroker.start(c -> c.withManagement(ManagementConfig.on("127.0.0.1", 0))
                .withDurability(c.durability().withDir(store)));
    }

    @Test
    void list_show_delete_retainedMessages_andTheDeleteSurvivesARestart() throws Exception {
        String p = "ret-" + UUID.randomUUID().toString().substring(0, 8);
        try (EmbeddedBroker broker = start(store)) {
            ManagementHttp http = new ManagementHttp(broker.managementPort());
            Mqtt5BlockingClient pub = Mqtt5Client.builder().identifier(p + "-pub").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            pub.connect();
            pub.publishWith().topic(p + "/a").payload("one".getBytes(StandardCharsets.UTF_8)).retain(true)
                    .qos(MqttQos.AT_LEAST_ONCE).send();
            pub.publishWith().topic(p + "/b/c").payload(new byte[] {0, (byte) 0xff}).retain(true)
                    .qos(MqttQos.AT_LEAST_ONCE).send();
            pub.disconnect();

            JsonNode list = http.get("/api/v5/mqtt/retainer/messages?topic=" + p + "/%23").json();
            assertThat(topics(list)).containsExactly(p + "/a", p + "/b/c");
            assertThat(list.get("meta").get("count").asInt()).isEqualTo(2);
            assertThat(list.get("data").get(0).get("from_clientid").asText()).isEqualTo(p + "-pub");
            assertThat(list.get("data").get(0).get("qos").asInt()).isEqualTo(1);

            JsonNode one = http.get("/api/v5/mqtt/retainer/message/" + p + "%2Fb%2Fc").json();
            assertThat(Base64.getDecoder().decode(one.get("payload").asText())).containsExactly(0, 0xff);

            assertThat(http.delete("/api/v5/mqtt/retainer/message/" + p + "%2Fa").status()).isEqualTo(204);
            assertThat(http.get("/api/v5/mqtt/retainer/message/" + p + "%2Fa").status()).isEqualTo(404);
            assertThat(http.delete("/api/v5/mqtt/retainer/message/" + p + "%2Fa").status()).isEqualTo(404);
            assertThat(retainedFor(broker, p + "/a")).isEmpty();
            assertThat(http.get("/api/v5/mqtt/retainer/messages?topic=%24share%2Fg%2Fx").status()).isEqualTo(400);
        }
        try (EmbeddedBroker again = start(store)) {
            ManagementHttp http = new ManagementHttp(again.managementPort());
            assertThat(topics(http.get("/api/v5/mqtt/retainer/messages?topic=" + p + "/%23").json()))
                    .containsExactly(p + "/b/c");
            assertThat(retainedFor(again, p + "/a")).isEmpty();
            assertThat(retainedFor(again, p + "/b/c")).isPresent();
        }
    }

    /** What a new subscriber to {@code topic} receives as retained, after a barrier proving delivery ran. */
    private static Optional<Mqtt5Publish> retainedFor(EmbeddedBroker broker, String topic) throws Exception {
        Mqtt5BlockingClient sub = Mqtt5Client.builder().identifier("ret-sub-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        sub.connect();
        try (var publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            String marker = topic + "/marker-" + UUID.randomUUID();
            sub.subscribeWith().topicFilter(marker).send();
            sub.publishWith().topic(marker).payload(new byte[] {1}).send();
            Optional<Mqtt5Publish> first = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(first).isPresent();
            return first.get().getTopic().toString().equals(marker) ? Optional.empty() : first;
        } finally {
            sub.disconnect();
        }
    }

    private static List<String> topics(JsonNode page) {
        return StreamSupport.stream(page.get("data").spliterator(), false).map(s -> s.get("topic").asText()).toList();
    }
}
