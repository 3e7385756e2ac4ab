package io.berth.it.management;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.server.config.ManagementConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.ManagementApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Management accounts and API keys over real HTTP: users CRUD on {@code /api/v5/users}, roles, password change, API
 * keys with HTTP Basic, and both surviving a restart.
 */
class ManagementAccountsIT {

    @TempDir
    Path dataDir;

    private EmbeddedBroker start() {
        return EmbeddedBroker.start(cfg -> cfg.withDataDir(dataDir)
                .withManagement(ManagementConfig.on("127.0.0.1", 0)));
    }

    private static List<String> usernames(ManagementApi api) {
        List<String> names = new ArrayList<>();
        api.get("/api/v5/users").json().forEach(u -> names.add(u.get("username").asText() + ":"
                + u.get("role").asText()));
        return names;
    }

    @Test
    void viewer_mayRead_butEveryChangeIs403() {
        try (EmbeddedBroker broker = start()) {
            ManagementApi admin = ManagementApi.login(broker);
            assertThat(admin.post("/api/v5/users", """
                    {"username":"watcher","password":"watcher-password","role":"viewer"}""").status())
                    .isEqualTo(200);

            ManagementApi viewer = ManagementApi.login(broker, "watcher", "watcher-password");

            assertThat(viewer.get("/api/v5/listeners").status()).isEqualTo(200);
            ManagementApi.Reply stop = viewer.post("/api/v5/listeners/tcp:default/stop");
            assertThat(stop.status()).isEqualTo(403);
            assertThat(stop.json().get("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(viewer.post("/api/v5/banned", "{\"as\":\"clientid\",\"who\":\"x\"}").status()).isEqualTo(403);
            assertThat(viewer.post("/api/v5/users", "{\"username\":\"x\",\"password\":\"xxxxxxxxxx\"}").status())
                    .isEqualTo(403);
            assertThat(viewer.delete("/api/v5/users/admin").status()).isEqualTo(403);
            assertThat(admin.get("/api/v5/listeners/tcp:default").json().get("running").asBoolean()).isTrue();
            // a viewer may still change its own password and log out
            assertThat(viewer.post("/api/v5/users/admin/change_pwd",
                    "{\"old_pwd\":\"x\",\"new_pwd\":\"yyyyyyyyyy\"}").status()).isEqualTo(403);
            assertThat(viewer.post("/api/v5/users/watcher/change_pwd",
                    "{\"old_pwd\":\"watcher-password\",\"new_pwd\":\"watcher-password-2\"}").status()).isEqualTo(204);
            assertThat(viewer.get("/api/v5/listeners").status()).isEqualTo(200); // its own login stays
            assertThat(viewer.post("/api/v5/logout").status()).isEqualTo(204);
            assertThat(ManagementApi.anonymous(broker).login("watcher", "watcher-password-2").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void users_crud_andBadInput() {
        try (EmbeddedBroker broker = start()) {
            ManagementApi admin = ManagementApi.login(broker);

            ManagementApi.Reply created = admin.post("/api/v5/users",
                    "{\"username\":\"ops\",\"password\":\"ops-password\",\"description\":\"on call\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            assertThat(created.json().get("role").asText()).isEqualTo("viewer");
            assertThat(created.body()).doesNotContain("ops-password");
            assertThat(usernames(admin)).containsExactly("admin:administrator", "ops:viewer");

            ManagementApi ops = ManagementApi.login(broker, "ops", "ops-password");
            ManagementApi.Reply promoted = admin.put("/api/v5/users/ops", "{\"role\":\"administrator\"}");
            assertThat(promoted.json().get("role").asText()).isEqualTo("administrator");
            assertThat(ops.get("/api/v5/listeners").status()).as("a role change ends the logins").isEqualTo(401);

            assertThat(admin.post("/api/v5/users", "{\"username\":\"ops\",\"password\":\"ops-password\"}").status())
                    .isEqualTo(409);
            ManagementApi.Reply unknownField = admin.post("/api/v5/users",
                    "{\"username\":\"x1\",\"password\":\"ops-password\",\"rol\":\"viewer\"}");
            assertThat(unknownField.status()).isEqualTo(400);
            assertThat(unknownField.json().get("message").asText()).contains("\"rol\"");
            assertThat(admin.post("/api/v5/users", "{\"username\":\"x2\",\"password\":\"short\"}").json()
                    .get("message").asText()).contains("at least 8");
            assertThat(admin.post("/api/v5/users", "{\"username\":\"x3\",\"password\":\"ops-password\","
                    + "\"role\":\"root\"}").json().get("message").asText()).contains("administrator").contains("viewer");
            assertThat(admin.put("/api/v5/users/nobody", "{\"role\":\"viewer\"}").status()).isEqualTo(404);

            assertThat(admin.delete("/api/v5/users/ops").status()).isEqualTo(204);
            assertThat(admin.delete("/api/v5/users/ops").status()).isEqualTo(404);
            ManagementApi.Reply last = admin.delete("/api/v5/users/admin");
            assertThat(last.status()).isEqualTo(409);
            assertThat(last.json().get("message").asText()).contains("last administrator");
            assertThat(usernames(admin)).containsExactly("admin:administrator");
        }
    }

    @Test
    void changePassword_needsTheOldOne_andEndsOtherLogins() {
        try (EmbeddedBroker broker = start()) {
            ManagementApi admin = ManagementApi.login(broker);
            ManagementApi elsewhere = ManagementApi.login(broker);

            ManagementApi.Reply wrongOld = admin.post("/api/v5/users/admin/change_pwd",
                    "{\"old_pwd\":\"wrong-one\",\"new_pwd\":\"new-admin-password\"}");
            assertThat(wrongOld.status()).isEqualTo(400);
            assertThat(admin.post("/api/v5/users/admin/change_pwd", "{\"old_pwd\":\""
                    + EmbeddedBroker.MANAGEMENT_PASSWORD + "\",\"new_pwd\":\"new-admin-password\"}").status())
                    .isEqualTo(204);

            assertThat(admin.get("/api/v5/users").status()).isEqualTo(200);
            assertThat(elsewhere.get("/api/v5/users").status()).isEqualTo(401);
            assertThat(ManagementApi.anonymous(broker).login("admin", EmbeddedBroker.MANAGEMENT_PASSWORD).status())
                    .isEqualTo(401);
            assertThat(ManagementApi.anonymous(broker).login("admin", "new-admin-password").status()).isEqualTo(200);
        }
    }

    @Test
    void apiKey_worksWithHttpBasic_secretShownOnce_roleApplies_deleteEndsIt() {
        try (EmbeddedBroker broker = start()) {
            ManagementApi admin = ManagementApi.login(broker);
            ManagementApi.Reply created = admin.post("/api/v5/api_key",
                    "{\"name\":\"ci\",\"role\":\"viewer\",\"desc\":\"pipeline\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            String key = created.json().get("api_key").asText();
            String secret = created.json().get("api_secret").asText();

            ManagementApi script = ManagementApi.withApiKey(broker, key, secret);
            assertThat(script.get("/api/v5/listeners").status()).isEqualTo(200);
            assertThat(script.post("/api/v5/listeners/tcp:default/stop").status()).isEqualTo(403);
            assertThat(ManagementApi.withApiKey(broker, key, secret + "x").get("/api/v5/listeners").status())
                    .isEqualTo(401);

            JsonNode listed = admin.get("/api/v5/api_key").json();
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("name").asText()).isEqualTo("ci");
            assertThat(listed.get(0).has("api_secret")).isFalse();
            assertThat(listed.toString()).doesNotContain(secret);
            assertThat(admin.post("/api/v5/api_key", "{\"name\":\"ci\"}").status()).isEqualTo(409);
            assertThat(admin.post("/api/v5/api_key", "{\"name\":\"old\",\"expired_at\":\"2020-01-01T00:00:00Z\"}")
                    .status()).isEqualTo(400);
            assertThat(admin.post("/api/v5/api_key", "{\"name\":\"x\",\"expired_at\":\"tomorrow\"}").json()
                    .get("message").asText()).contains("expired_at");

            assertThat(admin.delete("/api/v5/api_key/ci").status()).isEqualTo(204);
            assertThat(script.get("/api/v5/listeners").status()).isEqualTo(401);
            assertThat(admin.delete("/api/v5/api_key/ci").status()).isEqualTo(404);
        }
    }

    @Test
    void usersAndApiKeys_surviveARestart() {
        String key;
        String secret;
        try (EmbeddedBroker broker = start()) {
            ManagementApi admin = ManagementApi.login(broker);
            assertThat(admin.post("/api/v5/users", "{\"username\":\"ops\",\"password\":\"ops-password\","
                    + "\"role\":\"administrator\"}").status()).isEqualTo(200);
            ManagementApi.Reply created = admin.post("/api/v5/api_key", "{\"name\":\"ci\"}");
            key = created.json().get("api_key").asText();
            secret = created.json().get("api_secret").asText();
        }
        try (EmbeddedBroker broker = start()) {
            ManagementApi ops = ManagementApi.login(broker, "ops", "ops-password");
            assertThat(usernames(ops)).containsExactly("admin:administrator", "ops:administrator");
            ManagementApi script = ManagementApi.withApiKey(broker, key, secret);
            assertThat(script.get("/api/v5/api_key").json().get(0).get("name").asText()).isEqualTo("ci");
            assertThat(script.get("/api/v5/api_key").json().get(0).get("role").asText()).isEqualTo("administrator");
        }
    }
}
