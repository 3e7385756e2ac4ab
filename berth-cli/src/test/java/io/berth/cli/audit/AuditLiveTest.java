package io.berth.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.server.Broker;
import io.berth.server.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code berth audit --url} against a real broker's management endpoint. */
class AuditLiveTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path config() throws IOException {
        Path file = dir.resolve("berth.conf");
        Files.writeString(file, """
                node.data_dir = "%s"
                log.dir = "%s"
                authorization.acl_file = "disabled"
                durability.enable = false
                sys_topics.sys_msg_interval = "disabled"
                listeners.tcp.default { bind = "127.0.0.1:0" }
                listeners.ws.default { enabled = false, bind = "127.0.0.1:0" }
                listeners.ssl.default.enabled = false
                listeners.wss.default.enabled = false
                listeners.quic.default.enabled = false
                dashboard.listeners.http.bind = "127.0.0.1:0"
                """.formatted(dir.resolve("data"), dir.resolve("log")));
        return file;
    }

    private JsonNode audit(String... args) throws IOException {
        out.getBuffer().setLength(0);
        CommandLine cmd = new CommandLine(new AuditCommand(Map.of(), dir.resolve("absent.conf")));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        cmd.execute(all.toArray(String[]::new));
        return new ObjectMapper().readTree(out.toString());
    }

    private static List<String> findings(JsonNode report) {
        List<String> list = new ArrayList<>();
        report.path("findings").forEach(f -> list.add(f.path("severity").asText() + " "
                + f.path("subject").asText() + " " + f.path("check").asText()));
        return list;
    }

    private static void post(URI base, String token, String path) throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    }

    private static String login(URI base, String password) throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v5/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + password
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return new ObjectMapper().readTree(res.body()).get("token").asText();
    }

    @Test
    void live_reportsRunningListeners_andWhatDiffersFromTheConfig() throws Exception {
        Path file = config();
        try (Broker broker = Broker.start(ConfigLoader.load(file, Map.of()))) {
            URI base = URI.create("http://127.0.0.1:" + broker.management().port());
            int tcpPort = broker.port("default");
            // no dashboard.default_password: the first administrator got a random one, kept in this file
            String password = Files.readString(dir.resolve("data/management/initial_password")).strip();

            JsonNode report = audit("-c", file.toString(), "--url", base.toString(), "--username", "admin",
                    "--password", password);
            assertThat(findings(report)).contains("info " + base + " live_listeners")
                    .noneMatch(f -> f.contains("live_not_in_config") || f.contains("live_not_running"));
            assertThat(report.path("findings").toString()).contains("tcp:default 127.0.0.1:0 (port " + tcpPort + ")");

            String token = login(base, password);
            post(base, token, "/api/v5/listeners/ws:default/start");
            post(base, token, "/api/v5/listeners/tcp:default/stop");

            report = audit("-c", file.toString(), "--url", base.toString(), "--username", "admin", "--password",
                    password);
            assertThat(findings(report)).contains("medium ws:default live_not_in_config",
                    "info tcp:default live_not_running");
        }
    }

    @Test
    void live_unreachableEndpoint_exit2() throws IOException {
        Path file = config();
        CommandLine cmd = new CommandLine(new AuditCommand(Map.of(), dir.resolve("absent.conf")));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));

        // nothing listens on the management port the config names once the broker that had it is closed
        int port;
        try (Broker broker = Broker.start(ConfigLoader.load(file, Map.of()))) {
            port = broker.management().port();
        }
        assertThat(cmd.execute("-c", file.toString(), "--url", "http://127.0.0.1:" + port)).isEqualTo(2);
        assertThat(err.toString()).contains("berth: live checks: cannot reach the management endpoint");
    }
}
