package io.berth.it.tools;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code berth pub}/{@code sub} against a real Mosquitto broker (Debian's {@code mosquitto} package, started on a
 * free port with a generated config): our client speaks to another broker, in MQTT 3.1, 3.1.1 and 5.0.
 */
class MosquittoBrokerToolsIT {

    @TempDir
    static Path dir;

    static ChildProcess mosquitto;
    static int port;

    @BeforeAll
    static void startMosquitto() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        mosquitto = ChildProcess.start(dir, "/usr/sbin/mosquitto", "-c", conf.toString());
        await().atMost(Duration.ofSeconds(10)).until(MosquittoBrokerToolsIT::listening);
    }

    private static boolean listening() {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @AfterAll
    static void stopMosquitto() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    static Stream<Arguments> versionsAndQos() {
        return Stream.of("31", "311", "5").flatMap(v -> Stream.of(0, 1, 2).map(q -> Arguments.of(v, q)));
    }

    @ParameterizedTest(name = "-V {0} QoS {1}")
    @MethodSource("versionsAndQos")
    void berthPub_toBerthSub_throughMosquitto(String version, int qos) throws Exception {
        String topic = "mosq/" + UUID.randomUUID();
        ToolRun sub = ToolRun.sub().start("-p", String.valueOf(port), "-V", version, "-q", String.valueOf(qos),
                "-t", topic + "/+", "-C", "1", "-v", "-d");
        sub.awaitOutput("received SUBACK");

        ToolRun pub = ToolRun.pub();
        assertThat(pub.run("-p", String.valueOf(port), "-V", version, "-q", String.valueOf(qos),
                "-t", topic + "/a", "-m", "through mosquitto", "-d")).as(pub.err() + pub.out()).isZero();

        assertThat(sub.awaitExit()).as(sub.err()).isZero();
        assertThat(sub.messages()).containsExactly(topic + "/a through mosquitto");
        assertThat(sub.out()).contains("received PUBLISH (d0, q" + qos + ", r0");
        if (qos == 2) {
            assertThat(pub.out()).contains("received PUBREC").contains("received PUBCOMP");
        }
    }

    @Test
    void retained_fromBerthPub_isKeptByMosquitto_forALaterBerthSub() throws Exception {
        String topic = "mosq/retained/" + UUID.randomUUID();
        assertThat(ToolRun.pub().run("-L", "mqtt://127.0.0.1:" + port + "/" + topic, "-m", "r", "-r", "-q", "1"))
                .isZero();

        ToolRun sub = ToolRun.sub();
        assertThat(sub.run("-L", "mqtt://127.0.0.1:" + port + "/" + topic, "-C", "1", "-W", "10", "-d")).isZero();
        assertThat(sub.messages()).containsExactly("r");
        assertThat(sub.out()).contains("r1, m0, '" + topic + "'");
    }
}
