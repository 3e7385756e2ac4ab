package io.berth.server.management.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();

    private static String basic(String key, String secret) {
        return Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void create_showsTheSecretOnce_storesOnlyItsHash_andVerifiesBasicCredentials() throws Exception {
        ApiKeys keys = ApiKeys.open(dir.resolve("api_keys.json"), clock);
        ApiKeys.Created c = keys.create("ci", Role.VIEWER, null, "pipeline");

        assertThat(Files.readString(dir.resolve("api_keys.json"))).contains(c.key().apiKey())
                .doesNotContain(c.secret());
        assertThat(keys.verify(basic(c.key().apiKey(), c.secret()))).hasValueSatisfying(k ->
                assertThat(k.role()).isEqualTo(Role.VIEWER));
        assertThat(keys.verify(basic(c.key().apiKey(), c.secret() + "x"))).isEmpty();
        assertThat(keys.verify(basic("unknown", c.secret()))).isEmpty();
        assertThat(keys.verify("%%% not base64")).isEmpty();

        ApiKeys reopened = ApiKeys.open(dir.resolve("api_keys.json"), clock);
        assertThat(reopened.verify(basic(c.key().apiKey(), c.secret()))).isPresent();
        assertThat(reopened.remove("ci")).isTrue();
        assertThat(reopened.verify(basic(c.key().apiKey(), c.secret()))).isEmpty();
        assertThat(ApiKeys.open(dir.resolve("api_keys.json"), clock).list()).isEmpty();
    }

    @Test
    void anExpiredKey_isRefused() {
        ApiKeys keys = ApiKeys.open(dir.resolve("api_keys.json"), clock);
        ApiKeys.Created c = keys.create("short", Role.ADMINISTRATOR, clock.instant().plus(Duration.ofMinutes(1)), "");
        assertThat(keys.verify(basic(c.key().apiKey(), c.secret()))).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(keys.verify(basic(c.key().apiKey(), c.secret()))).isEmpty();
    }

    @Test
    void badInput_isRefused() {
        ApiKeys keys = ApiKeys.open(dir.resolve("api_keys.json"), clock);
        keys.create("ci", Role.VIEWER, null, "");
        assertThatThrownBy(() -> keys.create("ci", Role.VIEWER, null, "")).hasMessageContaining("already exists");
        assertThatThrownBy(() -> keys.create("bad name", Role.VIEWER, null, "")).hasMessageContaining("name must");
        assertThatThrownBy(() -> keys.create("past", Role.VIEWER, clock.instant(), ""))
                .hasMessageContaining("future");
    }
}
