package io.berth.cli;

import io.berth.core.auth.PasswordHashes;
import io.berth.core.auth.scram.ScramCredential;
import io.berth.core.auth.scram.ScramMechanism;
import io.berth.server.auth.ScramCredentialFile;
import io.berth.server.auth.FileUserStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class UsersAndAclCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        Path acl = dir.resolve("acl.conf");
        Files.writeString(acl, """
                %% test rules
                {allow, {username, "alice"}, publish, ["users/${username}/#"]}.
                {deny, all, subscribe, ["$SYS/#", {eq, "#"}]}.
                {allow, all, subscribe, ["#"]}.
                """);
        config = dir.resolve("berth.conf");
        Files.writeString(config, """
                node.data_dir = "%s"
                authorization.acl_file = "%s"
                authentication.built_in_database.pbkdf2_iterations = 1000
                """.formatted(dir.resolve("data"), acl));
    }

    private int run(String... args) {
        var cmd = BerthCommand.create(Map.of(), dir.resolve("none.conf"), () -> { });
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private FileUserStore store() {
        return new FileUserStore(dir.resolve("data").resolve("users.passwd"));
    }

    @Test
    void users_add_list_passwd_delete() throws IOException {
        assertThat(run("users", "add", "--config", config.toString(), "alice", "--password", "pw1")).isZero();
        assertThat(run("users", "add", "-c", config.toString(), "root", "-p", "pw2", "--superuser")).isZero();
        assertThat(PasswordHashes.verify(store().find("alice").orElseThrow().passwordHash(),
                "pw1".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(store().find("alice").orElseThrow().passwordHash()).startsWith("$7$1000$");
        assertThat(store().find("root").orElseThrow().superuser()).isTrue();
        assertThat(Files.getPosixFilePermissions(store().file())).hasSize(2); // rw-------

        assertThat(run("users", "add", "-c", config.toString(), "alice", "-p", "x")).isEqualTo(1);
        assertThat(err.toString()).contains("user alice exists");

        assertThat(run("users", "passwd", "-c", config.toString(), "alice", "-p", "pw3")).isZero();
        assertThat(PasswordHashes.verify(store().find("alice").orElseThrow().passwordHash(),
                "pw3".getBytes(StandardCharsets.UTF_8))).isTrue();

        out.getBuffer().setLength(0);
        assertThat(run("users", "list", "-c", config.toString())).isZero();
        assertThat(out.toString()).contains("alice\tpbkdf2-sha512").contains("root\tpbkdf2-sha512\tsuperuser");
        assertThat(Files.readString(store().file())).doesNotContain("pw1").doesNotContain("pw3");

        assertThat(run("users", "delete", "-c", config.toString(), "alice")).isZero();
        assertThat(store().find("alice")).isEmpty();
        assertThat(run("users", "delete", "-c", config.toString(), "alice")).isEqualTo(1);
    }

    @Test
    void users_addPasswdDelete_keepTheScramCredentials() {
        ScramCredentialFile scram = new ScramCredentialFile(dir.resolve("data").resolve(ScramCredentialFile.FILE));
        assertThat(run("users", "add", "-c", config.toString(), "sam", "-p", "pw1")).isZero();
        var first = scram.find("sam", ScramMechanism.SHA_256).orElseThrow();
        assertThat(first.iterations()).isEqualTo(ScramCredential.DEFAULT_ITERATIONS);
        assertThat(scram.find("sam", ScramMechanism.SHA_512)).isPresent();
        assertThat(ScramCredential.derive(ScramMechanism.SHA_256, "pw1".getBytes(StandardCharsets.UTF_8),
                first.salt(), first.iterations()).storedKey()).isEqualTo(first.storedKey());
        assertThat(run("users", "passwd", "-c", config.toString(), "sam", "-p", "pw2")).isZero();
        assertThat(scram.find("sam", ScramMechanism.SHA_256).orElseThrow().salt()).isNotEqualTo(first.salt());
        assertThat(run("users", "delete", "-c", config.toString(), "sam")).isZero();
        assertThat(scram.find("sam", ScramMechanism.SHA_256)).isEmpty();
    }

    @Test
    void users_importMosquitto_fromTheRealMosquittoPasswd() throws Exception {
        Path passwd = dir.resolve("mosquitto.passwd");
        Process p = new ProcessBuilder("mosquitto_passwd", "-c", "-b", passwd.toString(), "erin", "secret")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("mosquitto_passwd (Debian package mosquitto) must be installed").isZero();

        assertThat(run("users", "import-mosquitto", "-c", config.toString(), passwd.toString())).isZero();
        assertThat(out.toString()).contains("imported 1 users");
        assertThat(PasswordHashes.verify(store().find("erin").orElseThrow().passwordHash(),
                "secret".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void users_importMosquitto_refusesPlainPasswords_namingTheLine() throws IOException {
        Path plain = dir.resolve("plain.passwd");
        Files.writeString(plain, "# comment\nerin:secret\n");
        assertThat(run("users", "import-mosquitto", "-c", config.toString(), plain.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(plain + ":2:").contains("mosquitto_passwd -U");
        assertThat(Files.exists(store().file())).isFalse();
    }

    @Test
    void aclExplain_printsTheDecidingRule() {
        assertThat(run("acl", "explain", "-c", config.toString(), "--username", "alice", "--clientid", "c1",
                "--topic", "users/alice/x", "--action", "publish")).isZero();
        assertThat(out.toString()).startsWith("allow").contains("acl.conf:2").contains("users/${username}/#");

        out.getBuffer().setLength(0);
        assertThat(run("acl", "explain", "-c", config.toString(), "--clientid", "c1", "--topic", "#",
                "--action", "subscribe")).isZero();
        assertThat(out.toString()).startsWith("deny").contains("acl.conf:3");

        out.getBuffer().setLength(0);
        assertThat(run("acl", "explain", "-c", config.toString(), "--username", "bob", "--clientid", "c1",
                "--topic", "users/alice/x", "--action", "publish")).isZero();
        assertThat(out.toString()).startsWith("deny").contains("no rule").contains("no_match = deny");
    }

    @Test
    void aclCheck_reportsTheLineOfASyntaxError() throws IOException {
        assertThat(run("acl", "check", "-c", config.toString())).isZero();
        assertThat(out.toString()).contains("3 rules");
        Files.writeString(dir.resolve("acl.conf"), "{allow, all}.\n{allow, everyone}.\n");
        assertThat(run("acl", "check", "-c", config.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("acl.conf:2:");
    }

    @Test
    void start_withABrokenAclFile_namesFileAndLine_andExits1() throws IOException {
        Files.writeString(dir.resolve("acl.conf"), "{allow, all}.\n\n{deny, all, publish, [\"a\"]\n");
        assertThat(run("start", "-c", config.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("acl.conf:3: the rule starting here is not finished");
    }

    @Test
    void users_acl_add_list_delete_writeTheUserRulesFile() throws IOException {
        Path file = dir.resolve("data").resolve(io.berth.server.auth.UserAclFile.FILE);
        assertThat(run("users", "acl", "-c", config.toString(), "add", "alice", "allow", "publish", "a/#")).isZero();
        assertThat(run("users", "acl", "-c", config.toString(), "add", "alice", "deny", "subscribe", "eq b/#"))
                .isZero();
        assertThat(run("users", "acl", "-c", config.toString(), "add", "bob", "deny", "all", "c")).isZero();
        out.getBuffer().setLength(0);
        assertThat(run("users", "acl", "-c", config.toString(), "list", "alice")).isZero();
        assertThat(out.toString()).isEqualTo("1\t{allow, {username, \"alice\"}, publish, [\"a/#\"]}.\n"
                + "2\t{deny, {username, \"alice\"}, subscribe, [{eq, \"b/#\"}]}.\n");
        assertThat(new io.berth.server.auth.UserAclFile(file).load().rules()).hasSize(3);
        assertThat(run("users", "acl", "-c", config.toString(), "add", "alice", "permit", "publish", "x"))
                .isEqualTo(1);
        assertThat(run("users", "acl", "-c", config.toString(), "add", "alice", "allow", "write", "x"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("action must be publish, subscribe or all");
        assertThat(run("users", "acl", "-c", config.toString(), "delete", "alice", "1")).isZero();
        assertThat(run("users", "acl", "-c", config.toString(), "delete", "alice", "5")).isEqualTo(1);
        assertThat(run("users", "acl", "-c", config.toString(), "delete", "bob", "all")).isZero();
        assertThat(new io.berth.server.auth.UserAclFile(file).rulesOf("alice"))
                .containsExactly("{deny, {username, \"alice\"}, subscribe, [{eq, \"b/#\"}]}.");
        assertThat(new io.berth.server.auth.UserAclFile(file).rulesOf("bob")).isEmpty();
        assertThat(Files.getPosixFilePermissions(file)).hasSize(2); // rw-------
    }
}
