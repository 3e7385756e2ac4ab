package io.berth.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListenerDefaultsTest {

    @TempDir
    Path dir;

    private BrokerConfig load(String text) throws Exception {
        Path file = dir.resolve("berth.conf");
        Files.writeString(file, "node.data_dir = \"" + dir.resolve("data") + "\"\n" + text);
        return ConfigLoader.load(file, Map.of());
    }

    @Test
    void listenersWithoutTheirOwnValue_inheritListenerDefaults_othersKeepTheirs() throws Exception {
        BrokerConfig c = load("listener_defaults { max_conn_per_ip = 5, max_conn_rate = \"50/s\", "
                + "access_rules = [\"deny 10.0.0.0/8\", \"allow all\"] }\n"
                + "listeners.tcp.own { bind = \"127.0.0.1:1999\", max_conn_per_ip = 7 }\n");

        assertThat(c.protection().listener("tcp:default").maxConnPerIp()).isEqualTo(5);
        assertThat(c.protection().listener("ssl:default").maxConnRate()).isEqualTo(Rate.perSecond(50));
        assertThat(c.protection().listener("quic:default").accessRules().texts())
                .containsExactly("deny 10.0.0.0/8", "allow all");
        assertThat(c.protection().listener("tcp:own").maxConnPerIp()).isEqualTo(7);
        assertThat(c.protection().listener("tcp:own").maxConnRate()).isEqualTo(Rate.perSecond(50));
        assertThat(c.protection().listenerDefaults().maxConnPerIp()).isEqualTo(5);
    }

    @Test
    void environmentOverridesOfAListenerKey_countAsItsOwn() throws Exception {
        Path file = dir.resolve("berth.conf");
        Files.writeString(file, "listener_defaults.max_conn_per_ip = 5\n");
        BrokerConfig c = ConfigLoader.load(file, Map.of("BERTH_LISTENERS__TCP__DEFAULT__MAX_CONN_PER_IP", "9"));

        assertThat(c.protection().listener("tcp:default").maxConnPerIp()).isEqualTo(9);
        assertThat(c.protection().listener("ws:default").maxConnPerIp()).isEqualTo(5);
    }

    @Test
    void aBadDefault_namesItsKey() {
        assertThatThrownBy(() -> load("listener_defaults.max_conn_rate = \"fast\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listener_defaults.max_conn_rate");
    }

    @Test
    void aListenerCreatedAtRuntime_inheritsTheDefaultsInForce() {
        var d = ListenerDefinitions.read("tcp", "extra", Map.of("bind", 1884), "test",
                ListenerProtection.DEFAULTS.withMaxConnPerIp(3));
        assertThat(d.protection().maxConnPerIp()).isEqualTo(3);
        var own = ListenerDefinitions.read("tcp", "extra", Map.of("bind", 1884, "max_conn_per_ip", 4), "test",
                ListenerProtection.DEFAULTS.withMaxConnPerIp(3));
        assertThat(own.protection().maxConnPerIp()).isEqualTo(4);
        assertThat(List.of(d.block().get("max_conn_per_ip"))).containsExactly(3);
    }
}
