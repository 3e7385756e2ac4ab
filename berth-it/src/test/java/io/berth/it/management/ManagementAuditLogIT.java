package io.berth.it.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.server.config.LogConfig;
import io.berth.server.config.ManagementConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.ManagementApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every change through the management API is one JSON line in {@code <log.dir>/management-audit.log}. */
class ManagementAuditLogIT {

    @TempDir
    Path dir;

    private List<JsonNode> lines() {
        Path file = dir.resolve("log/management-audit.log");
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                out.add(new ObjectMapper().readTree(line));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void changes_areWrittenWithWhoRoleSourceAndStatus_readsAndSecretsAreNot() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(cfg -> cfg.withDataDir(dir.resolve("data"))
                .withLog(new LogConfig("info", dir.resolve("log")))
                .withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            ManagementApi admin = ManagementApi.login(broker);
            admin.get("/api/v5/listeners");
            assertThat(admin.post("/api/v5/listeners/tcp:default/stop").status()).isEqualTo(200);
            assertThat(admin.post("/api/v5/users", "{\"username\":\"ops\",\"password\":\"ops-secret-pw\"}")
                    .status()).isEqualTo(200);
            ManagementApi.Reply key = admin.post("/api/v5/api_key", "{\"name\":\"ci\"}");
            ManagementApi script = ManagementApi.withApiKey(broker, key.json().get("api_key").asText(),
                    key.json().get("api_secret").asText());
            assertThat(script.post("/api/v5/listeners/tcp:default/start").status()).isEqualTo(200);
            assertThat(ManagementApi.anonymous(broker).delete("/api/v5/users/ops").status()).isEqualTo(401);

            await().atMost(Duration.ofSeconds(10)).until(() -> lines().size() >= 6);
            List<JsonNode> lines = lines();
            String text = Files.readString(dir.resolve("log/management-audit.log"));

            assertThat(lines).extracting(l -> l.get("method").asText() + " " + l.get("path").asText() + " "
                    + l.get("status").asInt() + " " + l.get("who").asText() + " " + l.get("kind").asText())
                    .containsExactly(
                            "POST /api/v5/login 200  anonymous",
                            "POST /api/v5/listeners/tcp:default/stop 200 admin user",
                            "POST /api/v5/users 200 admin user",
                            "POST /api/v5/api_key 200 admin user",
                            "POST /api/v5/listeners/tcp:default/start 200 ci api_key",
                            "DELETE /api/v5/users/ops 401  anonymous");
            JsonNode stop = lines.get(1);
            assertThat(stop.get("role").asText()).isEqualTo("administrator");
            assertThat(stop.get("source").asText()).isEqualTo("127.0.0.1");
            assertThat(stop.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(text).doesNotContain("ops-secret-pw", EmbeddedBroker.MANAGEMENT_PASSWORD,
                    key.json().get("api_secret").asText(), admin.token());
        }
    }
}
