package io.berth.it.tools;

import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code berth pub}/{@code sub} with Debian's mosquitto_pub/mosquitto_sub on the other side, through the Berth
 * broker, in MQTT 3.1.1 and 5.0 at every QoS. mosquitto_sub runs under {@code stdbuf -oL} so that its lines
 * reach the output file as they are printed.
 */
class MosquittoInteropToolsIT {

    static EmbeddedBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static Stream<Arguments> versionsAndQos() {
        return Stream.of("mqttv311", "mqttv5").flatMap(v -> Stream.of(0, 1, 2).map(q -> Arguments.of(v, q)));
    }

    private String port() {
        return String.valueOf(broker.port());
    }

    @ParameterizedTest(name = "{0} QoS {1}")
    @MethodSource("versionsAndQos")
    void berthPub_toMosquittoSub(String version, int qos) throws Exception {
        String topic = "interop/" + UUID.randomUUID();
        try (ChildProcess sub = ChildProcess.start(dir, "/usr/bin/stdbuf", "-oL", "/usr/bin/mosquitto_sub", "-h", "127.0.0.1", "-p", port(),
                "-V", version, "-q", String.valueOf(qos), "-t", topic, "-C", "1", "-v", "-d")) {
            sub.awaitOutput("received SUBACK");

            ToolRun pub = ToolRun.pub();
            assertThat(pub.run("-p", port(), "-V", version, "-q", String.valueOf(qos), "-t", topic,
                    "-m", "from berth")).as(pub.err()).isZero();

            assertThat(sub.awaitExit()).isZero();
            assertThat(sub.lines()).contains(topic + " from berth")
                    .anyMatch(l -> l.contains("received PUBLISH (d0, q" + qos + ", r0"));
        }
    }

    @ParameterizedTest(name = "{0} QoS {1}")
    @MethodSource("versionsAndQos")
    void mosquittoPub_toBerthSub(String version, int qos) throws Exception {
        String topic = "interop/" + UUID.randomUUID();
        ToolRun sub = ToolRun.sub().start("-p", port(), "-V", version, "-q", String.valueOf(qos),
                "-t", topic, "-C", "1", "-v", "-d");
        sub.awaitOutput("received SUBACK");

        try (ChildProcess pub = ChildProcess.start(dir, "/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", port(),
                "-V", version, "-q", String.valueOf(qos), "-t", topic, "-m", "from mosquitto")) {
            assertThat(pub.awaitExit()).as(pub.output()).isZero();
        }

        assertThat(sub.awaitExit()).as(sub.err()).isZero();
        assertThat(sub.messages()).containsExactly(topic + " from mosquitto");
        assertThat(sub.out()).contains("received PUBLISH (d0, q" + qos + ", r0");
    }
}
