package io.berth.server.config;

import io.berth.core.MqttSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigLoaderDefaultsTest {

    private static final Path CWD = Path.of("").toAbsolutePath();

    @Test
    void load_withNoFileAndNoEnvironment_givesTheEmbeddedDefaults() {
        BrokerConfig config = ConfigLoader.load(null, Map.of());

        assertThat(config.node().name()).isEqualTo("berth@127.0.0.1");
        assertThat(config.node().dataDir()).isEqualTo(CWD.resolve("data"));
        assertThat(config.tcpListeners()).containsExactly(
                new TcpListenerConfig("default", true, "0.0.0.0", 1883, 1_024_000));
        assertThat(config.sysTopics().sysMsgInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.log()).isEqualTo(new LogConfig("info", CWD.resolve("log")));
    }

    @Test
    void load_defaults_openSslWsAndWssListenersWithGeneratedCertificates() {
        BrokerConfig config = ConfigLoader.load(null, Map.of());

        assertThat(config.enabledListeners()).extracting(ListenerConfig::id, ListenerConfig::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ssl:default", 8883),
                        org.assertj.core.groups.Tuple.tuple("ws:default", 8083),
                        org.assertj.core.groups.Tuple.tuple("wss:default", 8084));
        ListenerConfig ssl = config.listener("ssl:default").orElseThrow();
        assertThat(ssl.ssl()).isEqualTo(SslOptions.defaults());
        assertThat(ssl.ssl().generated()).isTrue();
        assertThat(config.listener("ws:default").orElseThrow().websocket()).isEqualTo(WebSocketOptions.defaults());
    }

    @Test
    void load_environment_setsTlsListKeys() {
        BrokerConfig config = ConfigLoader.load(null, Map.of(
                "BERTH_LISTENERS__SSL__DEFAULT__SSL_OPTIONS__VERSIONS", "[\"tlsv1.3\"]",
                "BERTH_LISTENERS__WS__DEFAULT__ENABLED", "false"));

        assertThat(config.listener("ssl:default").orElseThrow().ssl().versions()).containsExactly("tlsv1.3");
        assertThat(config.enabledListeners()).extracting(ListenerConfig::id).doesNotContain("ws:default");
    }

    @Test
    void defaults_mqttBlock_equalsTheCoreDefaults() {
        assertThat(BrokerConfig.defaults().mqtt()).isEqualTo(MqttSettings.defaults());
    }

    @Test
    void defaults_equalsLoadingWithNothing() {
        assertThat(BrokerConfig.defaults()).isEqualTo(ConfigLoader.load(null, Map.of()));
    }

    @Test
    void load_ofTheSampleConfigShippedInConf_equalsTheDefaults() {
        Path sample = Path.of("..", "conf", "berth.conf");
        assertThat(sample).isRegularFile();

        assertThat(ConfigLoader.load(sample, Map.of())).isEqualTo(BrokerConfig.defaults());
    }

    @Test
    void load_ignoresEnvironmentVariablesWithoutTheBerthPrefixAndBerthHome() {
        Map<String, String> env = Map.of("PATH", "/usr/bin", "HOME", "/root", "BERTH_HOME", "/opt/berth",
                "MQTT__MAX_INFLIGHT", "0");

        assertThat(ConfigLoader.load(null, env)).isEqualTo(BrokerConfig.defaults());
    }
}
