package io.berth.server.config;

import io.berth.core.acl.DenyAction;
import io.berth.core.auth.AnonymousAccess;
import io.berth.core.auth.PasswordHashes;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecurityConfigTest {

    @Test
    void defaults_loopbackAnonymous_builtInPbkdf2_shippedAclDenyingNoMatch() {
        BrokerConfig config = BrokerConfig.defaults();
        assertThat(config.authentication().anonymousAccess("tcp:default")).isEqualTo(AnonymousAccess.LOOPBACK);
        assertThat(config.authentication().builtInDatabase()).isTrue();
        assertThat(config.authentication().passwordHashAlgorithm()).isEqualTo(PasswordHashes.Algorithm.PBKDF2);
        assertThat(config.authentication().hashWork()).isEqualTo(PasswordHashes.DEFAULT_PBKDF2_ITERATIONS);
        assertThat(config.authorization().aclFile()).isEqualTo(Path.of("conf/acl.conf").toAbsolutePath());
        assertThat(config.authorization().noMatchAllow()).isFalse();
        assertThat(config.authorization().denyAction()).isEqualTo(DenyAction.IGNORE);
        assertThat(config.authorization().cacheMaxSize()).isEqualTo(32);
    }

    @Test
    void file_setsEveryListenersAnonymousRule_andTheSecurityBlocks() {
        BrokerConfig config = ConfigLoader.load(ConfigFiles.path("security.conf"), Map.of());
        AuthenticationConfig authn = config.authentication();
        assertThat(authn.anonymousAccess("tcp:default")).isEqualTo(AnonymousAccess.DENY);
        assertThat(authn.anonymousAccess("tcp:local")).isEqualTo(AnonymousAccess.LOOPBACK);
        assertThat(authn.anonymousAccess("tcp:open")).isEqualTo(AnonymousAccess.ALLOW);
        assertThat(authn.passwordHashAlgorithm()).isEqualTo(PasswordHashes.Algorithm.BCRYPT);
        assertThat(authn.hashWork()).isEqualTo(12);
        assertThat(authn.workers()).isEqualTo(2);
        AuthorizationConfig authz = config.authorization();
        assertThat(authz.aclFile()).isEqualTo(Path.of("/etc/berth/acl.conf"));
        assertThat(authz.noMatchAllow()).isTrue();
        assertThat(authz.denyAction()).isEqualTo(DenyAction.DISCONNECT);
        assertThat(authz.cacheMaxSize()).isZero();
    }

    @Test
    void environment_canDisableTheAclAndOpenAListener() {
        BrokerConfig config = ConfigLoader.load(null, Map.of("BERTH_AUTHORIZATION__ACL_FILE", "disabled",
                "BERTH_LISTENERS__TCP__DEFAULT__ALLOW_ANONYMOUS", "true"));
        assertThat(config.authorization().enabled()).isFalse();
        assertThat(config.authentication().anonymousAccess("tcp:default")).isEqualTo(AnonymousAccess.ALLOW);
    }

    @Test
    void badValues_areReportedWithTheKey() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("BERTH_LISTENERS__TCP__DEFAULT__ALLOW_ANONYMOUS",
                "sometimes", "BERTH_AUTHORIZATION__NO_MATCH", "maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("listeners.tcp.default.allow_anonymous")
                .hasMessageContaining("true, false or \"loopback\"")
                .hasMessageContaining("authorization.no_match");
    }
}
