package io.berth.server.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EnvironmentOverridesTest {

    @Test
    void override_ofANumber_replacesTheDefault() {
        BrokerConfig config = ConfigLoader.load(null, Map.of("BERTH_MQTT__MAX_KEEPALIVE", "60"));

        assertThat(config.mqtt().maxKeepalive()).isEqualTo(60);
    }

    @Test
    void override_ofABindAddress_needsNoQuotes() {
        BrokerConfig config = ConfigLoader.load(null, Map.of("BERTH_LISTENERS__TCP__DEFAULT__BIND", "0.0.0.0:1884"));

        assertThat(config.tcpListener("default").orElseThrow().port()).isEqualTo(1884);
    }

    @Test
    void override_winsOverTheFile() {
        BrokerConfig config = ConfigLoader.load(ConfigFiles.path("full.conf"),
                Map.of("BERTH_MQTT__MAX_INFLIGHT", "7", "BERTH_SYS_TOPICS__SYS_MSG_INTERVAL", "30s"));

        assertThat(config.mqtt().maxInflight()).isEqualTo(7);
        assertThat(config.mqtt().maxTopicLevels()).isEqualTo(16); // from the file
        assertThat(config.sysTopics().sysMsgInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void override_ofANewListenersBind_createsTheListenerWithDefaults() {
        BrokerConfig config = ConfigLoader.load(null, Map.of("BERTH_LISTENERS__TCP__EXTRA__BIND", "[::1]:1884"));

        assertThat(config.tcpListeners()).containsExactly(
                TcpListenerConfig.of("default", "0.0.0.0", 1883),
                new TcpListenerConfig("extra", true, "::1", 1884, TcpListenerConfig.DEFAULT_MAX_CONNECTIONS));
    }

    @Test
    void override_valuesAreReadAsHocon_booleansWordsAndObjects() {
        BrokerConfig config = ConfigLoader.load(null, Map.of(
                "BERTH_MQTT__RETAIN_AVAILABLE", "false",
                "BERTH_MQTT__MAX_SUBSCRIPTIONS", "10",
                "BERTH_MQTT__SESSION_EXPIRY_INTERVAL", "infinity",
                "BERTH_MQTT__KEEPALIVE_MULTIPLIER", "2.5",
                "BERTH_NODE__NAME", "\"edge@10.0.0.1\"",
                "BERTH_LISTENERS__TCP__DEFAULT", "{ bind = 1999, max_connections = infinity }"));

        assertThat(config.mqtt().retainAvailable()).isFalse();
        assertThat(config.mqtt().maxSubscriptions()).isEqualTo(10);
        assertThat(config.mqtt().sessionExpiryInterval()).isEqualTo(ConfigKeys.SESSION_EXPIRY_MAX);
        assertThat(config.mqtt().keepaliveMultiplier()).isEqualTo(2.5);
        assertThat(config.node().name()).isEqualTo("edge@10.0.0.1");
        assertThat(config.tcpListeners()).containsExactly(
                new TcpListenerConfig("default", true, "0.0.0.0", 1999, Integer.MAX_VALUE));
    }

    @Test
    void override_nameIsLowerCased_soListenerNamesMayBeWrittenInEitherCase() {
        BrokerConfig config = ConfigLoader.load(null, Map.of("BERTH_listeners__tcp__Extra__BIND", "1884"));

        assertThat(config.tcpListener("extra")).isPresent();
    }

    @Test
    void override_withAnInvalidValue_namesTheVariableAndKey() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("BERTH_MQTT__MAX_INFLIGHT", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable BERTH_MQTT__MAX_INFLIGHT: mqtt.max_inflight: "
                        + "must be between 1 and 65535, got 0");
    }

    @Test
    void override_insideAnObjectValue_namesTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(null,
                Map.of("BERTH_LISTENERS__TCP__DEFAULT", "{ bind = \"nowhere\" }")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable BERTH_LISTENERS__TCP__DEFAULT: "
                        + "listeners.tcp.default.bind: must be \"host:port\"");
    }

    @Test
    void override_ofAnUnknownKey_suggestsTheVariableMeant() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("BERTH_MQTT__MAX_INFLIHGT", "10")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable BERTH_MQTT__MAX_INFLIHGT: mqtt.max_inflihgt: unknown key; "
                        + "did you mean mqtt.max_inflight (BERTH_MQTT__MAX_INFLIGHT)?");
    }

    @Test
    void override_withSingleUnderscores_isRefusedWithTheRightName() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("BERTH_MQTT_MAX_INFLIGHT", "10")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable BERTH_MQTT_MAX_INFLIGHT: not a configuration key")
                .hasMessageEndingWith("did you mean BERTH_MQTT__MAX_INFLIGHT?");
    }

    @Test
    void override_withAnEmptyPart_isRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("BERTH_MQTT____MAX_INFLIGHT", "10")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable BERTH_MQTT____MAX_INFLIGHT: not a configuration key");
    }

    @Test
    void overrides_withSeveralProblems_reportsAllOfThem() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(null, Map.of(
                "BERTH_MQTT__MAX_QOS_ALLOWED", "3",
                "BERTH_MQTT__IDLE_TIMEOUT", "soon")));

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "environment variable BERTH_MQTT__MAX_QOS_ALLOWED: mqtt.max_qos_allowed: must be between 0 and 2, got 3",
                "environment variable BERTH_MQTT__IDLE_TIMEOUT: mqtt.idle_timeout: must be a duration such as "
                        + "\"10s\" (units ms, s, m, h, d), got \"soon\"");
    }
}
