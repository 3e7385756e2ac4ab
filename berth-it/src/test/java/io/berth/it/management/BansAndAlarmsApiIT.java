package io.berth.it.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.berth.server.config.ManagementConfig;
import io.berth.server.config.TcpListenerConfig;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bans and alarms through the management endpoint, on EMQX's paths. */
class BansAndAlarmsApiIT {

    @Test
    void banByClientId_disconnectsAndRefusesTheClient_untilTheBanIsDeleted() throws Exception {
        Path data = Files.createDirectories(Path.of("target", "bans-api-it", UUID.randomUUID().toString()));
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withDataDir(data)
                .withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            ManagementHttp http = new ManagementHttp(broker.managementPort());
            String id = "banned-" + UUID.randomUUID();
            CompletableFuture<Throwable> kicked = new CompletableFuture<>();
            Mqtt5BlockingClient victim = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1")
                    .serverPort(broker.port()).addDisconnectedListener(ctx -> kicked.complete(ctx.getCause()))
                    .buildBlocking();
            victim.connect();

            var added = http.post("/api/v5/banned", "{\"as\": \"clientid\", \"who\": \"" + id
                    + "\", \"reason\": \"stolen device\"}");

            assertThat(added.status()).isEqualTo(200);
            assertThat(added.json().get("who").asText()).isEqualTo(id);
            Throwable cause = kicked.get(10, TimeUnit.SECONDS);
            assertThat(cause).isInstanceOf(Mqtt5DisconnectException.class);
            assertThat(((Mqtt5DisconnectException) cause).getMqttMessage().getReasonCode())
                    .isEqualTo(Mqtt5DisconnectReasonCode.ADMINISTRATIVE_ACTION);
            JsonNode list = http.get("/api/v5/banned").json().get("data");
            assertThat(StreamSupport.stream(list.spliterator(), false).map(b -> b.get("who").asText()))
                    .contains(id);
            Mqtt5BlockingClient again = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            assertThatThrownBy(again::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class,
                    e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.BANNED));

            assertThat(http.delete("/api/v5/banned/clientid/" + id).status()).isEqualTo(204);
            again.connect();
            again.disconnect();
            assertThat(http.delete("/api/v5/banned/clientid/" + id).status()).isEqualTo(404);
        }
    }

    @Test
    void badBan_is400WithTheReason() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            ManagementHttp http = new ManagementHttp(broker.managementPort());
            var reply = http.post("/api/v5/banned", "{\"as\": \"serial\", \"who\": \"x\"}");
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("message").asText()).contains("clientid, username or peerhost");
            assertThat(http.post("/api/v5/banned", "{\"as\": \"peerhost\", \"who\": \"not-an-address\"}").status())
                    .isEqualTo(400);
        }
    }

    @Test
    void alarms_listsActiveAlarmsWithTheirDetails() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c
                .withTcpListener(TcpListenerConfig.of("extra", "127.0.0.1", 0))
                .withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            ManagementHttp http = new ManagementHttp(broker.managementPort());
            assertThat(http.post("/api/v5/listeners/tcp:extra/stop").status()).isEqualTo(200);

            JsonNode alarms = http.get("/api/v5/alarms").json().get("data");

            assertThat(alarms).singleElement().satisfies(a -> {
                assertThat(a.get("name").asText()).isEqualTo("listener_stopped/tcp:extra");
                assertThat(a.get("severity").asText()).isEqualTo("warning");
                assertThat(a.get("activated").asBoolean()).isTrue();
                assertThat(a.get("details").get("listener").asText()).isEqualTo("tcp:extra");
            });
        }
    }
}
