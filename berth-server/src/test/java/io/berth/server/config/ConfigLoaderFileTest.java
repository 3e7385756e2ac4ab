package io.berth.server.config;

import io.berth.core.MqttSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigLoaderFileTest {

    @Test
    void load_fileSettingEveryKey_readsEveryValue() {
        BrokerConfig config = ConfigLoader.load(ConfigFiles.path("full.conf"), Map.of());

        assertThat(config.node()).isEqualTo(new NodeConfig("berth@broker1.example.com", Path.of("/var/lib/berth")));
        assertThat(config.tcpListeners()).containsExactly(
                new TcpListenerConfig("default", false, "0.0.0.0", 1883, 1_024_000),
                new TcpListenerConfig("internal", true, "127.0.0.1", 0, 100),
                new TcpListenerConfig("plain_port", true, "0.0.0.0", 1885, 1_024_000),
                new TcpListenerConfig("v6", true, "::1", 1884, Integer.MAX_VALUE));
        assertThat(config.mqtt()).isEqualTo(new MqttSettings(256 * 1024, 1024, 16, 0, 1, 128, 0, false, 0, 100,
                Duration.ofMinutes(90), 300, 2.0, Duration.ofMillis(500), false, false, false, 60));
        assertThat(config.sysTopics().enabled()).isFalse();
        assertThat(config.log()).isEqualTo(new LogConfig("warning", Path.of("/var/log/berth")));
        assertThat(config.log().logbackLevel()).isEqualTo("WARN");
    }

    @Test
    void load_enabledListeners_leavesOutTheDisabledDefault() {
        BrokerConfig config = ConfigLoader.load(ConfigFiles.path("full.conf"), Map.of());

        assertThat(config.enabledTcpListeners()).extracting(TcpListenerConfig::name)
                .containsExactly("internal", "plain_port", "v6");
        assertThat(config.tcpListener("v6").orElseThrow().bind()).isEqualTo("[::1]:1884");
    }

    @Test
    void load_substitutionBetweenKnownKeys_isResolved() {
        BrokerConfig config = ConfigLoader.load(ConfigFiles.path("substitution.conf"), Map.of());

        assertThat(config.mqtt().maxAwaitingRel()).isEqualTo(64);
    }

    @Test
    void load_relativeDataDir_isResolvedAgainstTheWorkingDirectory() {
        BrokerConfig config = ConfigLoader.load(null, Map.of("BERTH_NODE__DATA_DIR", "state/berth"));

        assertThat(config.node().dataDir()).isEqualTo(Path.of("state", "berth").toAbsolutePath());
    }
}
