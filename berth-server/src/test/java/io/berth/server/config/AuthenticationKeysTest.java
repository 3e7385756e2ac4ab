package io.berth.server.config;

import io.berth.core.auth.AnonymousAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The authentication chain's keys: order, JWT and HTTP settings, per-listener anonymous and two-factor keys. */
class AuthenticationKeysTest {

    @Test
    void defaults_chainIsTheBuiltInStore_timeout10s_noJwtNoHttp() {
        AuthenticationConfig a = BrokerConfig.defaults().authentication();
        assertThat(a.chain()).containsExactly("built_in_database");
        assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(a.jwt()).isNull();
        assertThat(a.http()).isNull();
        assertThat(a.twoFactor()).isEmpty();
    }

    @Test
    void jwtAndHttp_inTheChain_areRead() {
        BrokerConfig c = ConfigLoader.load(null, Map.of(
                "BERTH_AUTHENTICATION__CHAIN", "[\"jwt\", \"http\", \"built_in_database\"]",
                "BERTH_AUTHENTICATION__JWT__SECRET", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0=",
                "BERTH_AUTHENTICATION__JWT__SECRET_BASE64_ENCODED", "true",
                "BERTH_AUTHENTICATION__HTTP__URL", "http://127.0.0.1:8080/auth",
                "BERTH_AUTHENTICATION__HTTP__ON_ERROR", "deny",
                "BERTH_AUTHENTICATION__HTTP__CACHE_TTL", "30s"));
        AuthenticationConfig a = c.authentication();
        assertThat(a.chain()).containsExactly("jwt", "http", "built_in_database");
        assertThat(a.jwt().secret()).hasSize(35);
        assertThat(a.http().url()).isEqualTo(URI.create("http://127.0.0.1:8080/auth"));
        assertThat(a.http().denyOnError()).isTrue();
        assertThat(a.http().cacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(a.http().body()).isEqualTo(HttpAuthConfig.DEFAULT_BODY);
    }

    @Test
    void shortSecret_missingUrl_unknownMechanism_areReportedWithTheirKeys() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("BERTH_AUTHENTICATION__CHAIN", "[\"jwt\"]",
                "BERTH_AUTHENTICATION__JWT__SECRET", "short")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("authentication.jwt.secret")
                .hasMessageContaining("at least 32");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("BERTH_AUTHENTICATION__CHAIN", "[\"http\"]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("authentication.http.url");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("BERTH_AUTHENTICATION__CHAIN", "[\"jwtt\"]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean jwt");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("BERTH_AUTHENTICATION__CHAIN",
                "[\"http\", \"http\"]"))).isInstanceOf(ConfigException.class).hasMessageContaining("listed twice");
    }

    @Test
    void sslListener_twoFactorNeedsVerifyPeer_andAllowAnonymousIsRead() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(
                "BERTH_LISTENERS__SSL__DEFAULT__ENABLE_TWO_FACTOR", "true")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listeners.ssl.default.enable_two_factor")
                .hasMessageContaining("verify_peer");
        BrokerConfig c = ConfigLoader.load(null, Map.of("BERTH_LISTENERS__WS__DEFAULT__ALLOW_ANONYMOUS", "false"));
        assertThat(c.authentication().anonymousAccess("ws:default")).isEqualTo(AnonymousAccess.DENY);
        assertThat(c.authentication().anonymousAccess("ssl:default")).isEqualTo(AnonymousAccess.LOOPBACK);
    }

    @Test
    void withJwt_appendsItToTheChain() {
        AuthenticationConfig a = BrokerConfig.defaults().authentication()
                .withJwt(JwtAuthConfig.hmac(new byte[32]));
        assertThat(a.chain()).isEqualTo(List.of("built_in_database", "jwt"));
        assertThat(a.withJwt(null).chain()).isEqualTo(List.of("built_in_database"));
    }

    @Test
    void listenerAuthentication_globalByDefault_aListOrEmptyOverridesTheChain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("berth.conf");
        Files.writeString(file, """
                authentication.jwt.secret = "0123456789abcdef0123456789abcdef-berth"
                listeners.tcp.devices { bind = "127.0.0.1:0", authentication = ["jwt", "built_in_database"] }
                listeners.tcp.open { bind = "127.0.0.1:0", authentication = [] }
                listeners.ws.default.authentication = ["built_in_database"]
                """);
        AuthenticationConfig a = ConfigLoader.load(file, Map.of()).authentication();
        assertThat(a.chain()).containsExactly("built_in_database");
        assertThat(a.chainOf("tcp:default")).containsExactly("built_in_database");
        assertThat(a.chainOf("tcp:devices")).containsExactly("jwt", "built_in_database");
        assertThat(a.chainOf("tcp:open")).isEmpty();
        assertThat(a.chainOf("ws:default")).containsExactly("built_in_database");
        assertThat(a.jwt()).as("jwt settings read for a listener's chain").isNotNull();
        assertThat(a.listenerChains()).containsOnlyKeys("tcp:devices", "tcp:open", "ws:default");
    }

    @Test
    void listenerAuthentication_badValues_nameTheListenerKey() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(
                "BERTH_LISTENERS__TCP__DEFAULT__AUTHENTICATION", "[\"jwtt\"]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listeners.tcp.default.authentication")
                .hasMessageContaining("did you mean jwt");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(
                "BERTH_LISTENERS__SSL__DEFAULT__AUTHENTICATION", "local")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listeners.ssl.default.authentication")
                .hasMessageContaining("\"global\"");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(
                "BERTH_LISTENERS__TCP__DEFAULT__AUTHENTICATION", "[\"http\"]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("authentication.http.url");
    }

    @Test
    void sslBlocks_andJwksEndpoint_areRead_andCheckedAgainstTheirUrl(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not read here");
        AuthenticationConfig a = ConfigLoader.load(null, Map.of(
                "BERTH_AUTHENTICATION__CHAIN", "[\"jwt\", \"http\"]",
                "BERTH_AUTHENTICATION__JWT__ALGORITHM", "jwks",
                "BERTH_AUTHENTICATION__JWT__ENDPOINT", "https://idp.example/jwks.json",
                "BERTH_AUTHENTICATION__JWT__REFRESH_INTERVAL", "30s",
                "BERTH_AUTHENTICATION__JWT__SSL__ENABLE", "true",
                "BERTH_AUTHENTICATION__JWT__SSL__SERVER_NAME_INDICATION", "idp.internal",
                "BERTH_AUTHENTICATION__HTTP__URL", "https://127.0.0.1:8443/auth",
                "BERTH_AUTHENTICATION__HTTP__SSL__ENABLE", "true",
                "BERTH_AUTHENTICATION__HTTP__SSL__CACERTFILE", ca.toString(),
                "BERTH_AUTHENTICATION__HTTP__SSL__VERIFY", "verify_none")).authentication();
        assertThat(a.jwt().jwks().url()).isEqualTo(URI.create("https://idp.example/jwks.json"));
        assertThat(a.jwt().jwks().refreshInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(a.jwt().jwks().ssl()).isEqualTo(new ClientSslOptions(true, null, true, "idp.internal"));
        assertThat(a.jwt().disconnectAfterExpire()).isTrue();
        assertThat(a.jwt().aclClaimName()).isEqualTo("acl");
        assertThat(a.http().ssl()).isEqualTo(new ClientSslOptions(true, ca, false, null));
        assertThat(BrokerConfig.defaults().authentication().withHttp(HttpAuthConfig.post(URI.create("http://x")))
                .http().ssl()).isEqualTo(ClientSslOptions.DEFAULTS);
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("BERTH_AUTHENTICATION__CHAIN", "[\"http\"]",
                "BERTH_AUTHENTICATION__HTTP__URL", "http://127.0.0.1:8080/auth",
                "BERTH_AUTHENTICATION__HTTP__SSL__ENABLE", "true")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("authentication.http.ssl.enable")
                .hasMessageContaining("not https://");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("BERTH_AUTHENTICATION__CHAIN", "[\"jwt\"]",
                "BERTH_AUTHENTICATION__JWT__ALGORITHM", "jwks")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("authentication.jwt.jwks_file")
                .hasMessageContaining("endpoint");
    }
}
