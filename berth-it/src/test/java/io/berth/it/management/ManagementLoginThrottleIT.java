package io.berth.it.management;

import io.berth.server.config.ManagementConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import io.berth.testkit.ManagementApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Repeated failed logins of one username from one address are refused for a while: HTTP 429 with Retry-After. */
class ManagementLoginThrottleIT {

    @TempDir
    Path dataDir;

    @Test
    void afterMaxFailedLogins_evenTheRightPasswordGets429_untilTheLockEnds() {
        try (LogCapture log = LogCapture.of("event.management");
             EmbeddedBroker broker = EmbeddedBroker.start(cfg -> {
                 ManagementConfig m = ManagementConfig.on("127.0.0.1", 0);
                 return cfg.withDataDir(dataDir).withManagement(m.withAuth(m.auth()
                         .withLoginThrottle(3, Duration.ofMinutes(1), Duration.ofSeconds(3))));
             })) {
            ManagementApi anonymous = ManagementApi.anonymous(broker);
            for (int i = 0; i < 3; i++) {
                assertThat(anonymous.login("admin", "guess-" + i).status()).isEqualTo(401);
            }

            ManagementApi.Reply locked = anonymous.login("admin", EmbeddedBroker.MANAGEMENT_PASSWORD);

            assertThat(locked.status()).isEqualTo(429);
            assertThat(locked.json().get("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
            assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 3L);
            assertThat(log.contains("management.login_failed", "username=admin", "locked=true")).isTrue();
            assertThat(log.contains("management.login_throttled", "username=admin", "remote=127.0.0.1")).isTrue();
            // another username from the same address is not locked out
            assertThat(anonymous.login("someone-else", "guess").status()).isEqualTo(401);

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                    .until(() -> anonymous.login("admin", EmbeddedBroker.MANAGEMENT_PASSWORD).status() == 200);
        }
    }
}
