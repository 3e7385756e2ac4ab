package io.berth.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListenerOverridesTest {

    @TempDir
    Path dir;

    private Path config() throws Exception {
        Path file = dir.resolve("berth.conf");
        Files.writeString(file, "node.data_dir = \"" + dir.resolve("data") + "\"\n"
                + "listeners.tcp.default.bind = \"127.0.0.1:1883\"\n"
                + "listeners.tcp.old { bind = \"127.0.0.1:1999\" }\n");
        return file;
    }

    @Test
    void changesWrittenAtRuntime_areLoadedOnTopOfTheConfigFile() throws Exception {
        Path file = config();
        ListenerOverrides overrides = ListenerOverrides.open(dir.resolve("data"));
        overrides.put("tcp:extra", ListenerRenderer.render(TcpListenerConfig.of("extra", "127.0.0.1", 1884),
                ListenerProtection.DEFAULTS));
        overrides.put("tcp:default", Map.of("max_connections", 7));
        overrides.delete("tcp:old");

        BrokerConfig loaded = ConfigLoader.load(file, Map.of());

        assertThat(loaded.tcpListener("extra").orElseThrow().bind()).isEqualTo("127.0.0.1:1884");
        assertThat(loaded.tcpListener("default").orElseThrow().maxConnections()).isEqualTo(7);
        assertThat(loaded.tcpListener("default").orElseThrow().bind()).isEqualTo("127.0.0.1:1883");
        assertThat(loaded.tcpListener("old")).isEmpty();
        assertThat(ListenerOverrides.open(dir.resolve("data")).ids())
                .containsExactlyInAnyOrder("tcp:extra", "tcp:default", "tcp:old");
    }

    @Test
    void environmentVariables_stillWinOverRuntimeChanges() throws Exception {
        Path file = config();
        ListenerOverrides.open(dir.resolve("data")).put("tcp:default", Map.of("max_connections", 7));

        BrokerConfig loaded = ConfigLoader.load(file, Map.of("BERTH_LISTENERS__TCP__DEFAULT__MAX_CONNECTIONS", "9"));

        assertThat(loaded.tcpListener("default").orElseThrow().maxConnections()).isEqualTo(9);
    }

    @Test
    void aBadValueInTheOverrideFile_stopsStartNamingThatFileLineAndKey() throws Exception {
        Path file = config();
        Path cluster = ListenerOverrides.file(dir.resolve("data"));
        Files.createDirectories(cluster.getParent());
        Files.writeString(cluster, "listeners.tcp.extra {\n  bind = \"nowhere\"\n}\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster.hocon:2: listeners.tcp.extra.bind");
    }

    @Test
    void aSyntaxErrorInTheOverrideFile_namesIt() throws Exception {
        Path file = config();
        Path cluster = ListenerOverrides.file(dir.resolve("data"));
        Files.createDirectories(cluster.getParent());
        Files.writeString(cluster, "listeners.tcp.extra {\n  bind = \n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster.hocon");
    }
}
