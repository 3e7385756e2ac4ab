package io.berth.it.management;

import io.berth.server.config.ManagementConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.ManagementApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Login, tokens and logout on the management endpoint, over real HTTP. */
class ManagementLoginIT {

    @TempDir
    Path dataDir;

    private EmbeddedBroker start(Duration tokenTtl) {
        return EmbeddedBroker.start(cfg -> {
            ManagementConfig m = ManagementConfig.on("127.0.0.1", 0);
            return cfg.withDataDir(dataDir).withManagement(m.withAuth(m.auth().withTokenTtl(tokenTtl)));
        });
    }

    @Test
    void login_withTheRightPassword_returnsAToken_thatOpensTheApi() {
        try (EmbeddedBroker broker = start(Duration.ofMinutes(60))) {
            ManagementApi.Reply login = ManagementApi.anonymous(broker).login("admin",
                    EmbeddedBroker.MANAGEMENT_PASSWORD);

            assertThat(login.status()).as(login.body()).isEqualTo(200);
            assertThat(login.json().get("role").asText()).isEqualTo("administrator");
            assertThat(login.json().get("expires_in").asLong()).isEqualTo(3600);
            String token = login.json().get("token").asText();
            assertThat(token).hasSizeGreaterThanOrEqualTo(43); // 256 bits in base64url
            assertThat(login.header("Cache-Control")).isEqualTo("no-store");

            ManagementApi api = ManagementApi.withToken(broker.managementPort(), token);
            assertThat(api.get("/api/v5/listeners").status()).isEqualTo(200);
        }
    }

    @Test
    void login_withAWrongPasswordOrUnknownUser_is401_BAD_USERNAME_OR_PWD() {
        try (EmbeddedBroker broker = start(Duration.ofMinutes(60))) {
            ManagementApi anonymous = ManagementApi.anonymous(broker);

            ManagementApi.Reply wrong = anonymous.login("admin", "not-the-password");
            ManagementApi.Reply unknown = anonymous.login("nobody", EmbeddedBroker.MANAGEMENT_PASSWORD);

            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.json().get("code").asText()).isEqualTo("BAD_USERNAME_OR_PWD");
            assertThat(unknown.status()).isEqualTo(401);
            assertThat(unknown.json().get("code").asText()).isEqualTo("BAD_USERNAME_OR_PWD");
            assertThat(anonymous.post("/api/v5/login", "{\"username\":1}").status()).isEqualTo(400);
            assertThat(anonymous.post("/api/v5/login", "not json").status()).isEqualTo(400);
        }
    }

    @Test
    void everyApiRoute_withoutAValidToken_is401_butMetricsStayOpen() {
        try (EmbeddedBroker broker = start(Duration.ofMinutes(60))) {
            ManagementApi anonymous = ManagementApi.anonymous(broker);
            ManagementApi forged = ManagementApi.withToken(broker.managementPort(), "forged-token");

            for (ManagementApi.Reply r : new ManagementApi.Reply[] {anonymous.get("/api/v5/listeners"),
                    anonymous.post("/api/v5/listeners/tcp:default/stop"), anonymous.get("/api/v5/no-such-path"),
                    anonymous.get("/api/v5/banned"), forged.get("/api/v5/listeners"),
                    forged.post("/api/v5/logout")}) {
                assertThat(r.status()).as(r.body()).isEqualTo(401);
                assertThat(r.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
            }
            assertThat(anonymous.get("/metrics").status()).isEqualTo(200);
            // the listener was not stopped by the refused call
            assertThat(ManagementApi.login(broker).get("/api/v5/listeners/tcp:default").json().get("running")
                    .asBoolean()).isTrue();
        }
    }

    @Test
    void token_expiresAfterTokenExpiredTime() {
        try (EmbeddedBroker broker = start(Duration.ofSeconds(2))) {
            ManagementApi api = ManagementApi.login(broker);
            assertThat(api.get("/api/v5/listeners").status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.get("/api/v5/listeners").status() == 401);

            assertThat(api.get("/api/v5/listeners").json().get("message").asText()).contains("expired");
            assertThat(ManagementApi.login(broker).get("/api/v5/listeners").status()).isEqualTo(200);
        }
    }

    @Test
    void logout_endsTheToken() {
        try (EmbeddedBroker broker = start(Duration.ofMinutes(60))) {
            ManagementApi api = ManagementApi.login(broker);
            ManagementApi other = ManagementApi.login(broker);

            assertThat(api.post("/api/v5/logout").status()).isEqualTo(204);

            assertThat(api.get("/api/v5/listeners").status()).isEqualTo(401);
            assertThat(other.get("/api/v5/listeners").status()).isEqualTo(200);
        }
    }
}
