package io.berth.it.auth;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.berth.server.auth.FileUserStore;
import io.berth.server.auth.MosquittoPasswordFile;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password file written by Debian's real mosquitto_passwd ($7$ PBKDF2-SHA512 by default, $6$ with -H sha512),
 * imported as `berth users import-mosquitto` does, then used by HiveMQ and mosquitto_pub.
 * Needs Debian's mosquitto package (mosquitto_passwd): a machine without it fails this test.
 */
class MosquittoPasswdImportIT {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;

    static EmbeddedBroker broker;
    static MosquittoPasswordFile.Contents imported;

    @BeforeAll
    static void importAndStart() throws Exception {
        Path passwd = dir.resolve("mosquitto.passwd");
        run("mosquitto_passwd", "-c", "-b", passwd.toString(), "erin", "erin secret");
        run("mosquitto_passwd", "-b", passwd.toString(), "frank", "pässwörd");
        run("mosquitto_passwd", "-H", "sha512", "-b", passwd.toString(), "grace", "old-style");
        assertThat(Files.readString(passwd)).contains("erin:$7$").contains("grace:$6$");

        imported = MosquittoPasswordFile.read(passwd);
        Path data = dir.resolve("data");
        new FileUserStore(data.resolve("users.passwd")).putAll(imported.users());
        broker = EmbeddedBroker.start(c -> c.withDataDir(data));
    }

    private static void run(String... command) throws Exception {
        Processes.Result r = Processes.run(TIMEOUT, command);
        assertThat(r.exitCode()).as("%s: %s (install Debian's mosquitto package)", command[0], r.output()).isZero();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static Mqtt5ConnAckReasonCode connect(String user, String password) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("imp-" + UUID.randomUUID().toString().substring(0, 8))
                .serverHost(broker.host()).serverPort(broker.port()).buildBlocking();
        try {
            Mqtt5ConnAckReasonCode code = c.connectWith().simpleAuth().username(user)
                    .password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send().getReasonCode();
            c.disconnect();
            return code;
        } catch (Mqtt5ConnAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }

    @Test
    void importedUsers_connectWithTheirMosquittoPasswords() {
        assertThat(imported.users()).hasSize(3);
        assertThat(imported.weak()).isEqualTo(1);
        assertThat(connect("erin", "erin secret")).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(connect("frank", "pässwörd")).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(connect("grace", "old-style")).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
    }

    @Test
    void importedUsers_withAWrongPassword_areRefused() {
        assertThat(connect("erin", "erin")).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(connect("grace", "new-style")).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void mosquittoPub_withAnImportedUser() throws Exception {
        Processes.Result r = Processes.run(TIMEOUT, "mosquitto_pub", "-h", broker.host(), "-p",
                String.valueOf(broker.port()), "-u", "erin", "-P", "erin secret", "-t", "imp/t", "-m", "x");
        assertThat(r.exitCode()).as(r.output()).isZero();
    }
}
