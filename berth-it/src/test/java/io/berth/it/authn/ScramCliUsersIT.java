package io.berth.it.authn;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.berth.cli.BerthCommand;
import io.berth.core.auth.scram.ScramMechanism;
import io.berth.server.auth.ScramCredentialFile;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Users made with {@code berth users add} / {@code passwd} log in with SCRAM-SHA-256 and SCRAM-SHA-512 (MQTT 5
 * enhanced authentication, spec 4.12), with the iteration count of {@code authentication.scram.iteration_count}.
 */
class ScramCliUsersIT {

    static final int ITERATIONS = 8192;

    @TempDir
    static Path dir;

    static Path config;
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception {
        config = dir.resolve("berth.conf");
        Files.writeString(config, """
                node.data_dir = "%s"
                authorization.acl_file = "disabled"
                authentication.built_in_database.pbkdf2_iterations = 1000
                authentication.scram.iteration_count = %d
                """.formatted(dir.resolve("data"), ITERATIONS));
        assertThat(berth("users", "add", "-c", config.toString(), "cli-sam", "-p", "first-pw")).isZero();
        broker = EmbeddedBroker.start(c -> c.withDataDir(dir.resolve("data"))
                .withAuthentication(c.authentication().withScramIterations(ITERATIONS)));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** Runs the {@code berth} command in a process of its own, as an operator would. */
    static int berth(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                BerthCommand.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("berth %s", List.of(args)).isTrue();
        assertThat(p.exitValue()).as("berth %s: %s", List.of(args), output).isZero();
        return p.exitValue();
    }

    private static void connect(int bits, String password) throws Exception {
        ScramClientMechanism m = new ScramClientMechanism(bits, "cli-sam", password);
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("sc-" + UUID.randomUUID())
                .serverHost(broker.host()).serverPort(broker.port()).enhancedAuth(m).buildBlocking();
        c.connect();
        assertThat(m.serverVerified.get()).as("the client checked the server's signature").isEqualTo(1);
        c.disconnect();
    }

    @Test
    void cliUser_logsInWithScramSha256AndSha512_withTheConfiguredIterations() throws Exception {
        ScramCredentialFile stored = new ScramCredentialFile(dir.resolve("data").resolve(ScramCredentialFile.FILE));
        assertThat(stored.find("cli-sam", ScramMechanism.SHA_256).orElseThrow().iterations()).isEqualTo(ITERATIONS);
        assertThat(stored.find("cli-sam", ScramMechanism.SHA_512).orElseThrow().iterations()).isEqualTo(ITERATIONS);
        connect(256, "first-pw");
        connect(512, "first-pw");
    }

    @Test
    void passwd_replacesTheScramCredentials_theOldPasswordIsRefused() throws Exception {
        assertThat(berth("users", "add", "-c", config.toString(), "cli-pat", "-p", "old-pw")).isZero();
        assertThat(berth("users", "passwd", "-c", config.toString(), "cli-pat", "-p", "new-pw")).isZero();
        ScramClientMechanism ok = new ScramClientMechanism(512, "cli-pat", "new-pw");
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("sc-" + UUID.randomUUID())
                .serverHost(broker.host()).serverPort(broker.port()).enhancedAuth(ok).buildBlocking();
        c.connect();
        c.disconnect();
        ScramClientMechanism old = new ScramClientMechanism(256, "cli-pat", "old-pw");
        Mqtt5BlockingClient o = Mqtt5Client.builder().identifier("sc-" + UUID.randomUUID())
                .serverHost(broker.host()).serverPort(broker.port()).enhancedAuth(old).buildBlocking();
        assertThatThrownBy(o::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class,
                e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
    }
}
