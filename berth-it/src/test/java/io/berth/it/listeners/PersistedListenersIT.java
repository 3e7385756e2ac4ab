package io.berth.it.listeners;

import io.berth.it.management.ManagementHttp;
import io.berth.server.config.ConfigException;
import io.berth.server.config.ConfigLoader;
import io.berth.server.config.ListenerOverrides;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.berth.it.listeners.RuntimeListenersIT.assertRoundTrip;
import static io.berth.it.listeners.RuntimeListenersIT.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Listener changes made at runtime survive a restart: they are written to {@code <node.data_dir>/configs/cluster.hocon}
 * and loaded on top of the config file at the next start (as EMQX does with its cluster.hocon).
 */
class PersistedListenersIT {

    @TempDir
    Path dir;

    private Path configFile() throws Exception {
        Path file = dir.resolve("berth.conf");
        Files.writeString(file, String.join("\n",
                "node.data_dir = \"" + dir.resolve("data") + "\"",
                "log.dir = \"" + dir.resolve("log") + "\"",
                "listeners.tcp.default.bind = \"127.0.0.1:0\"",
                "listeners.tcp.old { bind = \"127.0.0.1:0\" }",
                "listeners.ssl.default.enabled = false",
                "listeners.ws.default.enabled = false",
                "listeners.wss.default.enabled = false",
                "listeners.quic.default.enabled = false",
                "dashboard.listeners.http.bind = \"127.0.0.1:0\"",
                "authorization.acl_file = \"disabled\"",
                "durability.enable = false",
                ""));
        return file;
    }

    private EmbeddedBroker startFrom(Path file) {
        return EmbeddedBroker.start(ignored -> ConfigLoader.load(file, Map.of()));
    }

    @Test
    void createdUpdatedStoppedAndDeletedListeners_areAsLeftAfterARestart() throws Exception {
        Path file = configFile();
        try (EmbeddedBroker first = startFrom(file)) {
            ManagementHttp http = new ManagementHttp(first.managementPort());
            assertThat(http.post("/api/v5/listeners", "{\"type\": \"tcp\", \"name\": \"extra\", "
                    + "\"bind\": \"127.0.0.1:0\", \"max_connections\": 77}").status()).isEqualTo(200);
            assertThat(http.post("/api/v5/listeners", "{\"type\": \"ws\", \"name\": \"spare\", "
                    + "\"bind\": \"127.0.0.1:0\"}").status()).isEqualTo(200);
            assertThat(http.put("/api/v5/listeners/tcp:default", "{\"max_connections\": 500}").status())
                    .isEqualTo(200);
            assertThat(http.post("/api/v5/listeners/ws:spare/stop").status()).isEqualTo(200);
            assertThat(http.delete("/api/v5/listeners/tcp:old").status()).isEqualTo(204);
        }
        assertThat(ListenerOverrides.file(dir.resolve("data"))).exists();

        try (EmbeddedBroker second = startFrom(file)) {
            var all = new ManagementHttp(second.managementPort()).get("/api/v5/listeners").json();
            var extra = find(all, "tcp:extra").orElseThrow();
            assertThat(extra.get("running").asBoolean()).isTrue();
            assertThat(extra.get("max_connections").asInt()).isEqualTo(77);
            assertRoundTrip(second.port("tcp:extra"));
            assertThat(find(all, "tcp:default").orElseThrow().get("max_connections").asInt()).isEqualTo(500);
            var spare = find(all, "ws:spare").orElseThrow();
            assertThat(spare.get("running").asBoolean()).isFalse();
            assertThat(spare.get("enable").asBoolean()).isFalse();
            assertThat(find(all, "tcp:old")).isEmpty();
        }
    }

    @Test
    void aBrokenOverrideFile_stopsTheStart_namingFileLineAndKey() throws Exception {
        Path file = configFile();
        Path cluster = ListenerOverrides.file(dir.resolve("data"));
        Files.createDirectories(cluster.getParent());
        Files.writeString(cluster, "listeners.tcp.extra {\n  bind = \"127.0.0.1:0\"\n  max_connections = -1\n}\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(cluster + ":3: listeners.tcp.extra.max_connections");
    }
}
