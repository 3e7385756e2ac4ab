package io.berth.it.management;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.berth.core.auth.PasswordHashes;
import io.berth.core.auth.UserRecord;
import io.berth.server.auth.FileUserStore;
import io.berth.server.config.ManagementConfig;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MQTT users of the built-in database through {@code /api/v5/authentication/password_based:built_in_database/users}:
 * written to the same file {@code berth users} edits, and seen by the running broker at the next CONNECT.
 */
class UsersApiIT {

    private static final String USERS = "/api/v5/authentication/password_based:built_in_database/users";

    @TempDir
    Path data;

    private static Mqtt5ConnAckReasonCode connect(EmbeddedBroker broker, String user, String password) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("users-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        try {
            Mqtt5ConnAckReasonCode code = c.connectWith().simpleAuth().username(user)
                    .password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send().getReasonCode();
            c.disconnect();
            return code;
        } catch (Mqtt5ConnAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }

    @Test
    void addChangeDelete_aUser_takesEffectAtTheNextConnect_inTheFileBerthUsersEdits() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withDataDir(data)
                .withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            ManagementHttp http = new ManagementHttp(broker.managementPort());
            FileUserStore file = new FileUserStore(data.resolve("users.passwd"));

            var added = http.post(USERS, "{\"user_id\": \"dora\", \"password\": \"first-pw\"}");
            assertThat(added.status()).isEqualTo(201);
            assertThat(added.json().get("user_id").asText()).isEqualTo("dora");
            assertThat(added.json().get("is_superuser").asBoolean()).isFalse();
            Optional<UserRecord> stored = file.find("dora");
            assertThat(stored).isPresent();
            assertThat(PasswordHashes.verify(stored.get().passwordHash(), "first-pw".getBytes(StandardCharsets.UTF_8)))
                    .isTrue();
            assertThat(connect(broker, "dora", "first-pw")).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);

            assertThat(http.post(USERS, "{\"user_id\": \"dora\", \"password\": \"x\"}").status()).isEqualTo(409);
            assertThat(http.get(USERS).json().get("data").get(0).get("user_id").asText()).isEqualTo("dora");
            assertThat(http.get(USERS + "/dora").json().get("user_id").asText()).isEqualTo("dora");

            var changed = http.put(USERS + "/dora", "{\"password\": \"second-pw\", \"is_superuser\": true}");
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.json().get("is_superuser").asBoolean()).isTrue();
            assertThat(connect(broker, "dora", "first-pw")).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
            assertThat(connect(broker, "dora", "second-pw")).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(file.find("dora").orElseThrow().superuser()).isTrue();

            assertThat(http.delete(USERS + "/dora").status()).isEqualTo(204);
            assertThat(file.find("dora")).isEmpty();
            assertThat(connect(broker, "dora", "second-pw")).isNotEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(http.get(USERS + "/dora").status()).isEqualTo(404);
            assertThat(http.delete(USERS + "/dora").status()).isEqualTo(404);
        }
    }

    @Test
    void badUserBodies_are400NamingTheField_andChangeNothing() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withDataDir(data)
                .withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            ManagementHttp http = new ManagementHttp(broker.managementPort());
            var unknown = http.post(USERS, "{\"user_id\": \"eve\", \"password\": \"p\", \"role\": \"admin\"}");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.json().get("message").asText()).contains("role");
            var noPassword = http.post(USERS, "{\"user_id\": \"eve\"}");
            assertThat(noPassword.status()).isEqualTo(400);
            assertThat(noPassword.json().get("message").asText()).contains("password");
            var colon = http.post(USERS, "{\"user_id\": \"e:ve\", \"password\": \"p\"}");
            assertThat(colon.status()).isEqualTo(400);
            assertThat(colon.json().get("message").asText()).contains("user_id");
            assertThat(http.post(USERS, "not json").status()).isEqualTo(400);
            assertThat(http.put(USERS + "/nobody", "{\"password\": \"p\"}").status()).isEqualTo(404);
            assertThat(http.get(USERS).json().get("meta").get("count").asInt()).isZero();
        }
    }
}
