package io.berth.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

class AuditCommandTest {

    /** The files shipped in the distribution, from the repository root. */
    private static final Path SHIPPED_CONF = Path.of("..", "conf", "berth.conf").toAbsolutePath().normalize();
    private static final Path SHIPPED_ACL = Path.of("..", "conf", "acl.conf").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        CommandLine cmd = new CommandLine(new AuditCommand(env, dir.resolve("absent.conf")));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    /** The shipped berth.conf and acl.conf, with the data dir in the test's directory. */
    private Map<String, String> shippedEnv() {
        return Map.of("BERTH_NODE__DATA_DIR", dir.resolve("data").toString(),
                "BERTH_AUTHORIZATION__ACL_FILE", SHIPPED_ACL.toString());
    }

    private Path config(String hocon) throws IOException {
        Path file = dir.resolve("berth.conf");
        Files.writeString(file, """
                node.data_dir = "%s"
                authorization.acl_file = "%s"
                """.formatted(dir.resolve("data"), SHIPPED_ACL) + hocon);
        return file;
    }

    private JsonNode json(Map<String, String> env, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        run(env, all.toArray(String[]::new));
        return new ObjectMapper().readTree(out.toString());
    }

    private static List<String> checks(JsonNode report, String severity) {
        List<String> out = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (f.path("severity").asText().equals(severity)) {
                out.add(f.path("subject").asText() + " " + f.path("check").asText());
            }
        });
        return out;
    }

    @Test
    void shippedDefaults_plainListenersAreMedium_noHigh_exit0() throws IOException {
        int status = run(shippedEnv(), "-c", SHIPPED_CONF.toString());

        assertThat(status).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("berth audit of " + SHIPPED_CONF)
                .contains("0 high, 2 medium, 2 low, 3 info");

        out.getBuffer().setLength(0);
        JsonNode report = json(shippedEnv(), "-c", SHIPPED_CONF.toString());
        assertThat(checks(report, "high")).isEmpty();
        assertThat(checks(report, "medium")).containsExactlyInAnyOrder(
                "tcp:default plaintext_public", "ws:default plaintext_public");
        assertThat(checks(report, "low")).containsExactlyInAnyOrder(
                "authorization.deny_action acl_deny_ignore", "flapping_detect.enable flapping_detect_off");
        assertThat(checks(report, "info")).containsExactlyInAnyOrder(
                SHIPPED_ACL + " acl_default",
                "ssl:default, wss:default, quic:default tls_certificate_generated",
                "management admin_password_not_checked");
        assertThat(report.path("exit_code").asInt()).isZero();
        assertThat(report.path("summary").path("medium").asInt()).isEqualTo(2);
        assertThat(report.path("config").asText()).isEqualTo(SHIPPED_CONF.toString());
    }

    @Test
    void anonymousOnWildcardAddress_isHigh_exit1() throws IOException {
        Path file = config("""
                listeners.tcp.default { bind = "0.0.0.0:1883", allow_anonymous = true }
                """);
        JsonNode report = json(Map.of(), "--config", file.toString());

        assertThat(checks(report, "high")).contains("tcp:default anonymous_public");
        assertThat(report.path("exit_code").asInt()).isEqualTo(1);
        out.getBuffer().setLength(0);
        assertThat(run(Map.of(), "--config", file.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("HIGH   tcp:default  anonymous_public")
                .contains("fix: set listeners.tcp.default.allow_anonymous = false");
    }

    @Test
    void anonymousOnLoopback_isNotAFinding() throws IOException {
        Path file = config("""
                listeners.tcp.default { bind = "127.0.0.1:1883", allow_anonymous = true }
                listeners.ws.default { bind = "[::1]:8083" }
                """);
        JsonNode report = json(Map.of(), "--config", file.toString());

        assertThat(checks(report, "high")).isEmpty();
        assertThat(checks(report, "medium")).doesNotContain("tcp:default plaintext_public",
                "ws:default plaintext_public");
    }

    @Test
    void noMatchAllow_isHigh_exit1() throws IOException {
        Path file = config("authorization.no_match = \"allow\"\n");

        assertThat(run(Map.of(), "-c", file.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("acl_no_match_allow").contains("authorization.no_match = \"deny\"");
    }

    @Test
    void environmentOverrides_applyAsForStart() throws IOException {
        Map<String, String> env = new java.util.HashMap<>(shippedEnv());
        env.put("BERTH_AUTHORIZATION__NO_MATCH", "allow");

        assertThat(run(env, "-c", SHIPPED_CONF.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("acl_no_match_allow");
    }

    @Test
    void disabledAcl_managementOnWildcard_unlimitedRate_bansOff_durabilityOff() throws IOException {
        Path file = config("""
                authorization.acl_file = "disabled"
                dashboard.listeners.http.bind = "0.0.0.0:18083"
                listeners.ssl.default.max_conn_rate = "infinity"
                brute_force_detect.enable = false
                durability.enable = false
                """);
        JsonNode report = json(Map.of(), "-c", file.toString());

        assertThat(checks(report, "high")).contains("authorization.acl_file acl_disabled",
                "dashboard.listeners.http management_public");
        assertThat(checks(report, "medium")).contains("ssl:default max_conn_rate_infinite",
                "brute_force_detect.enable brute_force_detect_off");
        assertThat(checks(report, "info")).contains("durability.enable durability_off");
    }

    @Test
    void badConfig_reportsFileLineAndKey_exit2() throws IOException {
        Path file = config("mqtt.max_inflight = \"many\"\n");

        assertThat(run(Map.of(), "-c", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(file.toString()).contains(":3").contains("mqtt.max_inflight");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void missingAclFile_isHigh() throws IOException {
        Path file = dir.resolve("berth.conf");
        Files.writeString(file, "authorization.acl_file = \"" + dir.resolve("nope.conf") + "\"\n"
                + "node.data_dir = \"" + dir.resolve("data") + "\"\n");
        JsonNode report = json(Map.of(), "-c", file.toString());

        assertThat(checks(report, "high")).contains(dir.resolve("nope.conf") + " acl_unreadable");
    }
}
