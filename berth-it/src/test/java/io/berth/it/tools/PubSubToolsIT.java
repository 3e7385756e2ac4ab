package io.berth.it.tools;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.core.auth.PasswordHashes;
import io.berth.core.auth.UserRecord;
import io.berth.server.auth.FileUserStore;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code berth pub} and {@code berth sub} against the broker, with the HiveMQ client on the other side. */
class PubSubToolsIT {

    static EmbeddedBroker broker;

    @TempDir
    static Path data;

    @BeforeAll
    static void start() {
        // the URL-form test's user: the broker checks the name and the percent-decoded password
        new FileUserStore(data.resolve("users.passwd")).put(new UserRecord("alice",
                PasswordHashes.pbkdf2("s@cret".getBytes(StandardCharsets.UTF_8), 1000), false));
        broker = EmbeddedBroker.start(c -> c.withDataDir(data));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static Stream<Arguments> versionsAndQos() {
        return Stream.of("311", "5", "mqttv311", "mqttv5", "31")
                .flatMap(v -> Stream.of(0, 1, 2).map(q -> Arguments.of(v, q)));
    }

    private static String topic() {
        return "tools/" + UUID.randomUUID();
    }

    private Mqtt5BlockingClient hivemq() {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("hive-" + UUID.randomUUID())
                .serverHost(broker.host()).serverPort(broker.port()).buildBlocking();
        c.connect();
        return c;
    }

    private String port() {
        return String.valueOf(broker.port());
    }

    @ParameterizedTest(name = "-V {0} -q {1}")
    @MethodSource("versionsAndQos")
    void pub_deliversToAHiveMqSubscriber(String version, int qos) throws Exception {
        String topic = topic();
        Mqtt5BlockingClient sub = hivemq();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();

            ToolRun pub = ToolRun.pub();
            int exit = pub.run("-h", "127.0.0.1", "-p", port(), "-V", version, "-q", String.valueOf(qos),
                    "-t", topic, "-m", "hello " + version);

            assertThat(exit).as(pub.err()).isZero();
            assertThat(pub.err()).isEmpty();
            Mqtt5Publish received = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(received.getTopic().toString()).isEqualTo(topic);
            assertThat(new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hello " + version);
            assertThat(received.getQos().getCode()).isEqualTo(qos);
        } finally {
            sub.disconnect();
        }
    }

    @ParameterizedTest(name = "-V {0} -q {1}")
    @MethodSource("versionsAndQos")
    void sub_printsWhatAHiveMqPublisherSends_withCountAndVerbose(String version, int qos) throws Exception {
        String topic = topic();
        ToolRun sub = ToolRun.sub().start("-p", port(), "-V", version, "-q", String.valueOf(qos),
                "-t", topic + "/#", "-C", "2", "-v", "-d");
        sub.awaitOutput("received SUBACK");
        Mqtt5BlockingClient pub = hivemq();
        try {
            for (int i = 1; i <= 3; i++) {
                pub.publishWith().topic(topic + "/" + i).qos(MqttQos.fromCode(qos))
                        .payload(("m" + i).getBytes(StandardCharsets.UTF_8)).send();
            }
        } finally {
            pub.disconnect();
        }

        assertThat(sub.awaitExit()).as(sub.err()).isZero();
        assertThat(sub.messages()).containsExactly(topic + "/1 m1", topic + "/2 m2");
        assertThat(sub.out()).contains("received PUBLISH (d0, q" + qos + ", r0");
    }

    @Test
    void pub_retained_isPrintedBySubLater_andNullMessageClearsIt_MQTT_3_3_1_5() throws Exception {
        String topic = topic();
        assertThat(ToolRun.pub().run("-p", port(), "-t", topic, "-m", "kept", "-r", "-q", "1")).isZero();

        ToolRun sub = ToolRun.sub();
        assertThat(sub.run("-p", port(), "-t", topic, "-C", "1", "-W", "10")).isZero();
        assertThat(sub.messages()).containsExactly("kept");

        assertThat(ToolRun.pub().run("-p", port(), "-t", topic, "-n", "-r", "-q", "1")).isZero(); // MQTT-3.3.1-6
        ToolRun after = ToolRun.sub();
        assertThat(after.run("-p", port(), "-t", topic, "-C", "1", "-W", "1")).isEqualTo(27);
        assertThat(after.messages()).isEmpty();
        assertThat(after.err()).isEqualTo("Timed out" + System.lineSeparator());
    }

    @Test
    void urlForm_givesHostPortAndTopic_forPubAndSub() throws Exception {
        String topic = topic();
        String url = "mqtt://127.0.0.1:" + port() + "/" + topic;
        ToolRun sub = ToolRun.sub().start("-L", "mqtt://" + "127.0.0.1:" + port() + "/" + topic + "/#",
                "-C", "1", "-v", "-d");
        sub.awaitOutput("received SUBACK");

        ToolRun pub = ToolRun.pub();
        assertThat(pub.run("-L", url + "/x", "-m", "via url", "-q", "2")).as(pub.err()).isZero();

        assertThat(sub.awaitExit()).isZero();
        assertThat(sub.messages()).containsExactly(topic + "/x via url");
    }

    @Test
    void urlForm_withUserAndPassword_sendsThem() throws Exception {
        String topic = topic();
        ToolRun pub = ToolRun.pub();
        int exit = pub.run("-L", "mqtt://alice:s%40cret@127.0.0.1:" + port() + "/" + topic, "-m", "x", "-d");

        assertThat(exit).as(pub.err()).isZero();
        assertThat(pub.out()).contains("sending CONNECT (MQTT 5.0, c1, k60, u'alice')");
    }

    @Test
    void pub_fromFileAndFromStdin_sendsTheBytes(@TempDir Path dir) throws Exception {
        String topic = topic();
        Path file = dir.resolve("payload.txt");
        Files.writeString(file, "from a file");
        Mqtt5BlockingClient sub = hivemq();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

            assertThat(ToolRun.pub().run("-p", port(), "-t", topic, "-f", file.toString(), "-q", "1")).isZero();
            assertThat(ToolRun.pub("from stdin".getBytes(StandardCharsets.UTF_8))
                    .run("-p", port(), "-t", topic, "-s", "-q", "1")).isZero();

            assertThat(new String(publishes.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes(),
                    StandardCharsets.UTF_8)).isEqualTo("from a file");
            assertThat(new String(publishes.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes(),
                    StandardCharsets.UTF_8)).isEqualTo("from stdin");
        } finally {
            sub.disconnect();
        }
    }

    @Test
    void pub_mqtt5Properties_reachTheSubscriber() throws Exception {
        String topic = topic();
        Mqtt5BlockingClient sub = hivemq();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).send();

            int exit = ToolRun.pub().run("-p", port(), "-t", topic, "-m", "{}", "-D", "publish", "user-property",
                    "origin", "berth", "-D", "publish", "content-type", "application/json",
                    "-D", "connect", "user-property", "c", "1");

            assertThat(exit).isZero();
            Mqtt5Publish received = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(received.getUserProperties().asList()).anySatisfy(p -> {
                assertThat(p.getName().toString()).isEqualTo("origin");
                assertThat(p.getValue().toString()).isEqualTo("berth");
            });
            assertThat(received.getContentType().orElseThrow().toString()).isEqualTo("application/json");
        } finally {
            sub.disconnect();
        }
    }

    @Test
    void will_isPublishedWhenTheServerDropsTheToolsConnection_MQTT_3_1_2_8() throws Exception {
        String willTopic = topic();
        Mqtt5BlockingClient watcher = hivemq();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            watcher.subscribeWith().topicFilter(willTopic).send();
            String id = "tool-will-" + UUID.randomUUID();
            ToolRun sub = ToolRun.sub().start("-p", port(), "-i", id, "-t", topic(), "-d",
                    "--will-topic", willTopic, "--will-payload", "gone", "--will-qos", "1");
            sub.awaitOutput("received SUBACK");

            // a second connection with the same client id takes the session over: the tool's connection is
            // closed by the server without a DISCONNECT from the tool, so its will is published
            Mqtt5Client.builder().identifier(id).serverHost(broker.host()).serverPort(broker.port()).buildBlocking()
                    .connect();

            Mqtt5Publish will = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(new String(will.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("gone");
            assertThat(sub.awaitExit()).isEqualTo(1);
            assertThat(sub.err()).contains("berth sub: Disconnected by the server: session taken over (0x8E)");
        } finally {
            watcher.disconnect();
        }
    }

    @Test
    void sub_withoutTopic_isAUsageError() {
        ToolRun sub = ToolRun.sub();
        assertThat(sub.run("-p", port())).isEqualTo(2);
        assertThat(sub.err()).contains("give at least one topic filter with -t");
    }

    @Test
    void pub_toAWildcardTopic_isRefusedBeforeSending() {
        ToolRun pub = ToolRun.pub();
        assertThat(pub.run("-p", port(), "-t", "a/#", "-m", "x")).isEqualTo(1);
        assertThat(pub.err()).startsWith("berth pub: Invalid topic name 'a/#'");
        assertThat(List.of(pub.err().split("\\R"))).hasSize(1);
    }
}
