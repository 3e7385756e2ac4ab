package io.berth.it.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.cli.audit.AuditCommand;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.ManagementConfig;
import io.berth.server.config.SslOptions;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.ManagementApi;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code berth audit} end to end: the picocli command in this JVM, a config file on disk with certificates from
 * BouncyCastle (TestCertificates), and a running broker's management endpoint for {@code --live}.
 */
class AuditIT {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private int status;

    /** A config naming the broker's listeners: tcp:default and ssl:default on loopback with {@code cert}. */
    private Path config(TestCertificates.Pair cert) throws IOException {
        Path acl = dir.resolve("acl.conf");
        Files.writeString(acl, "{allow, all, all, [\"sensors/#\"]}.\n{deny, all}.\n");
        Path file = dir.resolve("berth.conf");
        Files.writeString(file, """
                node.data_dir = "%s"
                authorization.acl_file = "%s"
                listeners.tcp.default.bind = "127.0.0.1:0"
                listeners.ssl.default {
                  bind = "127.0.0.1:0"
                  ssl_options { certfile = "%s", keyfile = "%s" }
                }
                listeners.ws.default.enabled = false
                listeners.wss.default.enabled = false
                listeners.quic.default.enabled = false
                """.formatted(dir.resolve("data"), acl, cert.certFile(), cert.keyFile()));
        return file;
    }

    private JsonNode audit(Map<String, String> env, String... args) throws IOException {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cmd = new CommandLine(new AuditCommand(env, dir.resolve("no-such.conf")));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        status = cmd.execute(all.toArray(String[]::new));
        return new ObjectMapper().readTree(out.toString());
    }

    private static List<String> findings(JsonNode report) {
        List<String> list = new ArrayList<>();
        report.path("findings").forEach(f -> list.add(f.path("severity").asText() + " "
                + f.path("subject").asText() + " " + f.path("check").asText()));
        return list;
    }

    @Test
    void rsa1024Certificate_isHigh_exit1() throws IOException {
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        TestCertificates.Pair weak = certs.rsaServerCertificate(1024);

        JsonNode report = audit(Map.of(), "-c", config(weak).toString());

        assertThat(status).as(err.toString()).isEqualTo(1);
        assertThat(findings(report)).filteredOn(f -> f.startsWith("high"))
                .containsExactly("high ssl:default (" + weak.certFile() + ") tls_key_weak");
    }

    @Test
    void expiredCertificate_isHigh() throws IOException {
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        TestCertificates.Pair expired = certs.expiredServerCertificate();

        JsonNode report = audit(Map.of(), "-c", config(expired).toString());

        assertThat(status).isEqualTo(1);
        assertThat(findings(report)).filteredOn(f -> f.startsWith("high"))
                .containsExactly("high ssl:default (" + expired.certFile() + ") tls_certificate_expired");
    }

    @Test
    void live_againstRunningBroker_listsListeners_expiringCertificate_andRuntimeChanges() throws Exception {
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        TestCertificates.Pair server = certs.server(); // valid for one day: expiring within 30 days
        Path file = config(server);
        try (EmbeddedBroker broker = EmbeddedBroker.start(cfg -> cfg
                .withListener(ListenerConfig.ssl("default", "127.0.0.1", 0,
                        SslOptions.defaults().withCertificate(server.certFile(), server.keyFile(), null)))
                .withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            Map<String, String> env = Map.of("BERTH_DASHBOARD__LISTENERS__HTTP__BIND",
                    "127.0.0.1:" + broker.managementPort());

            String[] login = {"--username", ManagementApi.ADMIN, "--password", EmbeddedBroker.MANAGEMENT_PASSWORD};
            JsonNode report = audit(env, "-c", file.toString(), "--live", login[0], login[1], login[2], login[3]);

            assertThat(status).as(err.toString()).isZero();
            assertThat(findings(report)).contains("medium ssl:default (" + server.certFile()
                    + ") tls_certificate_expiring", "info http://127.0.0.1:" + broker.managementPort()
                    + " live_listeners").noneMatch(f -> f.startsWith("high") || f.contains("live_not"));
            assertThat(report.toString()).contains("tcp:default 127.0.0.1:0 (port " + broker.port() + ")",
                    "ssl:default 127.0.0.1:0 (port " + broker.port("ssl:default") + ")");

            ManagementApi.Reply res = ManagementApi.login(broker).post("/api/v5/listeners/tcp:default/stop");
            assertThat(res.status()).as(res.body()).isEqualTo(200);

            report = audit(env, "-c", file.toString(), "--live", login[0], login[1], login[2], login[3]);
            assertThat(findings(report)).contains("info tcp:default live_not_running");
        }
    }
}
