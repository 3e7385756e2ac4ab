package io.berth.it.retain;

import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interop with Debian's mosquitto_pub and mosquitto_sub: a retained message set by one reaches a later subscriber
 * with RETAIN 1 and its QoS lowered to the subscription's, and an empty retained message clears it, over MQTT 3.1.1
 * and 5.
 */
class MosquittoClientsRetainIT {

    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqttv311", "mqttv5"})
    void mosquittoClients_setReadAndClearARetainedMessage(String version) throws Exception {
        String topic = unique("mosquitto") + "/retained";
        assertThat(run("mosquitto_pub", "-V", version, "-t", topic, "-m", "from mosquitto", "-r", "-q", "2"))
                .isEmpty();
        // %r retain flag, %q QoS, %t topic, %p payload; -C 1 exits after one message, -W bounds the wait
        List<String> lines = run("mosquitto_sub", "-V", version, "-t", topic, "-q", "1", "-C", "1", "-W", "10",
                "-F", "%r %q %t %p");
        assertThat(lines).containsExactly("1 1 " + topic + " from mosquitto");

        assertThat(run("mosquitto_pub", "-V", version, "-t", topic, "-n", "-r")).isEmpty();
        // a second filter with a retained message of its own: its message is the first one after the clearing
        String marker = topic + "/marker";
        assertThat(run("mosquitto_pub", "-V", version, "-t", marker, "-m", "marker", "-r")).isEmpty();
        List<String> after = run("mosquitto_sub", "-V", version, "-t", topic, "-t", marker, "-C", "1", "-W", "10",
                "-F", "%t %p");
        assertThat(after).containsExactly(marker + " marker");
    }

    /** Runs a mosquitto client against the broker and returns its standard output lines. */
    private static List<String> run(String command, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/" + command, "-h", broker.host(), "-p",
                Integer.toString(broker.port())));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
    }
}
