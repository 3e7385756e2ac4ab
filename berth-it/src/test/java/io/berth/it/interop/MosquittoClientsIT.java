package io.berth.it.interop;

import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interop with Debian's mosquitto_pub and mosquitto_sub (libmosquitto) in MQTT 3.1.1 and 5.0. The tools must be
 * installed: a machine without them fails this test rather than skipping it.
 */
class MosquittoClientsIT {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        CliProcess.assertInstalled("mosquitto_pub");
        CliProcess.assertInstalled("mosquitto_sub");
        CliProcess.assertInstalled("stdbuf");
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static Stream<Arguments> versionsAndQos() {
        return Stream.of("mqttv311", "mqttv5").flatMap(v -> Stream.of(0, 1, 2).map(q -> Arguments.of(v, q)));
    }

    @ParameterizedTest(name = "{0} QoS {1}")
    @MethodSource("versionsAndQos")
    void mosquittoPub_toMosquittoSub_deliversTheMessage(String version, int qos) throws Exception {
        String topic = "interop/mosquitto/" + UUID.randomUUID();
        String payload = "hello-" + version + "-q" + qos;
        try (CliProcess sub = subscriber(version, topic, qos)) {
            sub.awaitLine(l -> l.startsWith("Subscribed (mid: "), TIMEOUT); // SUBACK: the subscription is in place
            publisher(version, topic, qos, payload, false).awaitExit(0, TIMEOUT);

            List<String> out = sub.awaitExit(0, TIMEOUT);
            assertThat(out).contains(payload);
            assertThat(out).anyMatch(l -> l.contains("received PUBLISH (d0, q" + qos + ", r0,"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqttv311", "mqttv5"})
    void mosquittoPub_retained_isDeliveredToALaterMosquittoSub(String version) throws Exception {
        String topic = "interop/retained/" + UUID.randomUUID();
        String payload = "retained-" + version;
        publisher(version, topic, 1, payload, true).awaitExit(0, TIMEOUT);

        try (CliProcess sub = subscriber(version, topic, 1)) {
            List<String> out = sub.awaitExit(0, TIMEOUT);
            assertThat(out).contains(payload);
            // MQTT-3.3.1-8: sent because of the new subscription, so RETAIN is 1
            assertThat(out).anyMatch(l -> l.contains("received PUBLISH (d0, q1, r1,"));
        }
    }

    private static CliProcess subscriber(String version, String topic, int qos) throws Exception {
        // stdbuf: mosquitto_sub's stdout is block-buffered in a pipe, so "Subscribed" would only show at exit
        return CliProcess.start("stdbuf", "-oL", "mosquitto_sub", "-d",
                "-h", broker.host(), "-p", String.valueOf(broker.port()), "-V", version, "-i", "sub-" + UUID.randomUUID().toString().substring(0, 8), "-t", topic,
                "-q", String.valueOf(qos), "-C", "1", "-W", "10");
    }

    private static CliProcess publisher(String version, String topic, int qos, String payload, boolean retain)
            throws Exception {
        return retain
                ? CliProcess.start("mosquitto_pub", "-h", broker.host(), "-p", String.valueOf(broker.port()),
                        "-V", version, "-t", topic, "-q", String.valueOf(qos), "-m", payload, "-r")
                : CliProcess.start("mosquitto_pub", "-h", broker.host(), "-p", String.valueOf(broker.port()),
                        "-V", version, "-t", topic, "-q", String.valueOf(qos), "-m", payload);
    }
}
