package io.berth.it.management;

import io.berth.cli.CtlCommand;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.ManagementConfig;
import io.berth.server.config.SslOptions;
import io.berth.server.config.TcpListenerConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.ManagementApi;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code berth ctl listeners ...} end to end: the picocli command in this JVM against a running broker. */
class CtlListenersIT {

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        broker = EmbeddedBroker.start(cfg -> cfg
                .withTcpListener(TcpListenerConfig.of("extra", "127.0.0.1", 0))
                .withListener(ListenerConfig.ssl("default", "127.0.0.1", 0,
                        SslOptions.defaults().withCertificate(certs.server().certFile(), certs.server().keyFile(), null)))
                .withManagement(ManagementConfig.on("127.0.0.1", 0)));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    /** Runs {@code berth ctl ...} with the endpoint given the way an operator would: in the environment. */
    private int ctl(String... args) {
        return ctl(Map.of("BERTH_DASHBOARD__LISTENERS__HTTP__BIND", "127.0.0.1:" + broker.managementPort(),
                "BERTH_AUTHORIZATION__ACL_FILE", "disabled"), args);
    }

    /** Runs {@code berth ctl ...} logged in as the test administrator. */
    private int ctl(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--username", ManagementApi.ADMIN, "--password", EmbeddedBroker.MANAGEMENT_PASSWORD));
        return ctlAs(env, all.toArray(String[]::new));
    }

    /** Runs {@code berth ctl ...} with only the credentials in {@code args} and {@code env}. */
    private int ctlAs(Map<String, String> env, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        var cmd = CtlCommand.commandLine(env, dir.resolve("no-such.conf"));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void list_printsEveryListenerWithItsPortAndState() {
        assertThat(ctl("listeners", "list")).as(err.toString()).isZero();

        assertThat(out.toString())
                .contains("ID", "CONNECTIONS")
                .containsPattern("tcp:default +tcp +127\\.0\\.0\\.1:0 +" + broker.port() + " +running")
                .containsPattern("tcp:extra +tcp +127\\.0\\.0\\.1:0 +" + broker.port("tcp:extra") + " +running")
                .containsPattern("ssl:default +ssl .* running .*tls=TLSv1\\.3");
    }

    @Test
    void stop_start_restart_byIdFromTheCommandLine() throws Exception {
        int port = broker.port("tcp:extra");

        assertThat(ctl("listeners", "stop", "tcp:extra")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("listener tcp:extra stopped");
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        assertThat(ctl("listeners", "list")).isZero();
        assertThat(out.toString()).containsPattern("tcp:extra +tcp +127\\.0\\.0\\.1:0 +- +stopped");

        assertThat(ctl("listeners", "start", "tcp:extra")).as(err.toString()).isZero();
        int newPort = broker.port("tcp:extra");
        assertThat(out.toString()).contains("listener tcp:extra started on 127.0.0.1:" + newPort);
        new Socket("127.0.0.1", newPort).close();

        assertThat(ctl("listeners", "restart", "tcp:extra")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("listener tcp:extra restarted on 127.0.0.1:");
        new Socket("127.0.0.1", broker.port("tcp:extra")).close();
        new Socket("127.0.0.1", broker.port()).close(); // the default listener was never touched
    }

    @Test
    void reloadCerts_reloadsTheTlsListeners() {
        assertThat(ctl("listeners", "reload-certs", "ssl:default")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("listener ssl:default: certificates reloaded");

        assertThat(ctl("listeners", "reload-certs")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("listener ssl:default: certificates reloaded");

        assertThat(ctl("listeners", "reload-certs", "tcp:default")).isEqualTo(1);
        assertThat(err.toString()).contains("tcp:default has no reloadable certificates").contains("409");
    }

    @Test
    void errors_areReportedWithExitStatus() throws IOException {
        assertThat(ctl("listeners", "stop", "tcp:nope")).isEqualTo(1);
        assertThat(err.toString()).contains("berth: listener tcp:nope not found (HTTP 404 NOT_FOUND)");

        assertThat(ctl("listeners", "start", "tcp:default")).isEqualTo(1);
        assertThat(err.toString()).contains("tcp:default is already running");

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThat(ctl(Map.of("BERTH_DASHBOARD__LISTENERS__HTTP__BIND", "127.0.0.1:" + closedPort,
                "BERTH_AUTHORIZATION__ACL_FILE", "disabled"), "listeners", "list")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach the management endpoint at http://127.0.0.1:" + closedPort)
                .contains("connection refused");

        Path conf = Files.writeString(dir.resolve("berth.conf"), "dashboard.listeners.http.enabled = false\n"
                + "authorization.acl_file = \"disabled\"\n");
        assertThat(ctl(Map.of(), "listeners", "list", "--config", conf.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("management endpoint is off");

        assertThat(ctl("listeners", "list", "--url", "http://127.0.0.1:" + broker.managementPort())).isZero();
        assertThat(ctl("listeners")).isNotZero();
    }

    @Test
    void withoutCredentials_orWithAWrongPassword_saysWhatIsMissing() {
        Map<String, String> env = Map.of("BERTH_DASHBOARD__LISTENERS__HTTP__BIND",
                "127.0.0.1:" + broker.managementPort(), "BERTH_AUTHORIZATION__ACL_FILE", "disabled");

        assertThat(ctlAs(env, "listeners", "list")).isEqualTo(1);
        assertThat(err.toString()).contains("needs credentials: pass --username and --password, or set "
                + "BERTH_API_KEY and BERTH_API_SECRET (HTTP 401)");

        assertThat(ctlAs(env, "listeners", "list", "--username", "admin", "--password", "wrong-password")).isEqualTo(1);
        assertThat(err.toString()).contains("login as admin refused: wrong username or password (HTTP 401)");

        assertThat(ctlAs(env, "listeners", "list", "--username", "admin")).isEqualTo(1);
        assertThat(err.toString()).contains("--username admin needs --password");
    }

    @Test
    void apiKeyFromTheEnvironment_signsIn() {
        var created = ManagementApi.login(broker).post("/api/v5/api_key", "{\"name\":\"ctl-" + System.nanoTime()
                + "\"}").json();
        Map<String, String> env = new java.util.HashMap<>(Map.of("BERTH_DASHBOARD__LISTENERS__HTTP__BIND",
                "127.0.0.1:" + broker.managementPort(), "BERTH_AUTHORIZATION__ACL_FILE", "disabled",
                "BERTH_API_KEY", created.get("api_key").asText()));

        assertThat(ctlAs(env, "listeners", "list")).isEqualTo(1);
        assertThat(err.toString()).contains("set both BERTH_API_KEY and BERTH_API_SECRET");

        env.put("BERTH_API_SECRET", created.get("api_secret").asText());
        assertThat(ctlAs(env, "listeners", "list")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("tcp:default");

        env.put("BERTH_API_SECRET", "wrong");
        assertThat(ctlAs(env, "listeners", "list")).isEqualTo(1);
        assertThat(err.toString()).contains("credentials refused (API key " + created.get("api_key").asText());
    }
}
