package io.berth.server.config;

import io.berth.core.MqttSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerConfigTest {

    @Test
    void withTcpListener_ofAnExistingName_rebindsItAndKeepsItsOtherSettings() {
        BrokerConfig config = BrokerConfig.defaults()
                .withTcpListener(TcpListenerConfig.of("default", "0.0.0.0", 1883).withMaxConnections(5))
                .withTcpListener("default", "127.0.0.1", 0);

        assertThat(config.tcpListeners()).containsExactly(new TcpListenerConfig("default", true, "127.0.0.1", 0, 5));
    }

    @Test
    void withTcpListener_ofANewName_addsIt() {
        BrokerConfig config = BrokerConfig.defaults().withTcpListener("extra", "127.0.0.1", 0);

        assertThat(config.tcpListeners()).extracting(TcpListenerConfig::name).containsExactly("default", "extra");
    }

    @Test
    void withoutTcpListener_removesIt() {
        assertThat(BrokerConfig.defaults().withoutTcpListener("default").tcpListeners()).isEmpty();
    }

    @Test
    void withCopies_changeOnlyTheirPart() {
        MqttSettings settings = new MqttSettings(4096, 64, 8, 0, 1, 10, 5, false, 5, 5, Duration.ZERO, 60, 1.5,
                Duration.ofSeconds(1), false, false, false, null);
        BrokerConfig config = BrokerConfig.defaults()
                .withMqtt(settings)
                .withSysTopics(SysTopicsConfig.disabled())
                .withNodeName("test@localhost")
                .withDataDir(Path.of("build-data"));

        assertThat(config.mqtt()).isSameAs(settings);
        assertThat(config.sysTopics().enabled()).isFalse();
        assertThat(config.node()).isEqualTo(new NodeConfig("test@localhost", Path.of("build-data").toAbsolutePath()));
        assertThat(config.tcpListeners()).isEqualTo(BrokerConfig.defaults().tcpListeners());
    }

    @Test
    void constructor_refusesTwoListenersWithTheSameName() {
        var a = TcpListenerConfig.of("a", "127.0.0.1", 0);
        assertThatThrownBy(() -> BrokerConfig.defaults().withTcpListeners(java.util.List.of(a, a)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tcpListener_refusesInvalidNamesAndPorts() {
        assertThatThrownBy(() -> TcpListenerConfig.of("Bad Name", "127.0.0.1", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TcpListenerConfig.of("x", "127.0.0.1", 70000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tcpListener_bind_bracketsIpv6() {
        assertThat(TcpListenerConfig.of("x", "::1", 1883).bind()).isEqualTo("[::1]:1883");
        assertThat(TcpListenerConfig.of("x", "0.0.0.0", 1883).bind()).isEqualTo("0.0.0.0:1883");
    }
}
