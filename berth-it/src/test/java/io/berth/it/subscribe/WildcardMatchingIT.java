package io.berth.it.subscribe;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PublishPacket;
import io.berth.it.publish.MqttClients;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.publish;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Topic filter matching (spec 4.7): {@code +} matches exactly one level, also an empty one (4.7.1.3); {@code #}
 * matches the parent level and any number of child levels, so {@code a/#} matches {@code a} (4.7.1.2,
 * MQTT-4.7.1-2); filters starting with a wildcard do not match topics starting with {@code $} (MQTT-4.7.2-1),
 * while a filter that names the {@code $} level does.
 */
class WildcardMatchingIT {

    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    /**
     * A filter, the topics (relative to a unique root {@code R}) it must match and must not match, and a marker
     * topic it matches, published last as a barrier.
     */
    record Case(String filter, List<String> matching, List<String> notMatching, String marker) {
    }

    static Stream<Arguments> cases() {
        List<Case> cases = List.of(
                new Case("R/+/x", List.of("R/a/x", "R/b/x", "R//x"), List.of("R/a/b/x", "R/x", "R/a/y", "R/a/x/y"),
                        "R/m/x"),
                new Case("R/#", List.of("R", "R/a", "R/a/b/c", "R/"), List.of("Rother", "other/R"), "R/m"),
                new Case("R/+", List.of("R/a", "R/"), List.of("R", "R/a/b"), "R/m"),
                new Case("+/R/#", List.of("x/R", "y/R/a/b"), List.of("$x/R", "$x/R/a", "x/y/R"), "m/R/z"),
                new Case("#", List.of("R/a"), List.of("$R", "$R/a", "$SYS/R"), "R/m"),
                new Case("+/a", List.of("R/a"), List.of("$R/a"), "R/a"),
                new Case("$R/#", List.of("$R", "$R/a", "$R/a/b"), List.of("R/a"), "$R/m"),
                new Case("$R/+", List.of("$R/a"), List.of("$R", "$R/a/b"), "$R/m"));
        List<Arguments> args = new ArrayList<>();
        for (MqttVersion version : List.of(MqttVersion.MQTT_3_1_1, MqttVersion.MQTT_5)) {
            for (Case c : cases) {
                args.add(Arguments.of(version, c));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void filter_matchesExactlyTheTopicsTheSpecSays_MQTT_4_7_1_2_MQTT_4_7_2_1(MqttVersion version, Case c)
            throws Exception {
        String root = unique("wild").replace('-', '_');
        String filter = c.filter().replace("R", root);
        try (RawMqttClient sub = MqttClients.raw(broker, version, unique("sub"));
             RawMqttClient pub = MqttClients.raw(broker, version, unique("pub"))) {
            MqttClients.subscribe(sub, 1, filter, 0);
            List<String> published = new ArrayList<>();
            published.addAll(c.matching());
            published.addAll(c.notMatching());
            for (String topic : published) {
                pub.send(publish(topic.replace("R", root), 0, false, 0, MqttProperties.EMPTY, topic));
            }
            String marker = c.marker().replace("R", root);
            pub.send(publish(marker, 0, false, 0, MqttProperties.EMPTY, "marker"));

            List<String> received = new ArrayList<>();
            while (true) {
                PublishPacket p = expect(sub, PublishPacket.class);
                if (MqttClients.text(p).equals("marker")) {
                    break;
                }
                received.add(MqttClients.text(p));
            }
            assertThat(received).as("topics matched by %s", c.filter()).containsExactlyElementsOf(c.matching());
        }
    }

    /** HiveMQ client, MQTT 5: {@code a/#} receives a message published to {@code a} itself. */
    @Test
    void mqtt5_multiLevelWildcard_matchesTheParentLevel() throws Exception {
        String root = unique("parent");
        Mqtt5BlockingClient sub = MqttClients.v5(broker, unique("sub"));
        Mqtt5BlockingClient pub = MqttClients.v5(broker, unique("pub"));
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(root + "/#").qos(MqttQos.AT_LEAST_ONCE).send();
            pub.publishWith().topic(root).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("parent")).send();
            Mqtt5Publish p = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(p.getTopic().toString()).isEqualTo(root);
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    /** Paho, MQTT 3.1.1: {@code #} does not receive a {@code $} topic, {@code $x/#} does (MQTT-4.7.2-1). */
    @Test
    void mqtt311_paho_dollarTopic_notMatchedByLeadingWildcard_MQTT_4_7_2_1() throws Exception {
        String dollar = "$" + unique("dollar");
        String normal = unique("normal");
        MqttClient all = new MqttClient(broker.tcpUri(), unique("paho-all"), new MemoryPersistence());
        MqttClient dollarSub = new MqttClient(broker.tcpUri(), unique("paho-dollar"), new MemoryPersistence());
        MqttClient pub = new MqttClient(broker.tcpUri(), unique("paho-pub"), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        BlockingQueue<String> allTopics = new LinkedBlockingQueue<>();
        BlockingQueue<String> dollarTopics = new LinkedBlockingQueue<>();
        try {
            all.connect(options);
            dollarSub.connect(options);
            pub.connect(options);
            all.subscribe("#", 1, (IMqttMessageListener) (t, m) -> allTopics.add(t));
            dollarSub.subscribe(dollar + "/#", 1, (IMqttMessageListener) (t, m) -> dollarTopics.add(t));
            pub.publish(dollar + "/a", bytes("d"), 1, false);
            pub.publish(normal, bytes("n"), 1, false);
            assertThat(dollarTopics.poll(10, TimeUnit.SECONDS)).isEqualTo(dollar + "/a");
            assertThat(allTopics.poll(10, TimeUnit.SECONDS)).as("first topic seen by #").isEqualTo(normal);
        } finally {
            pub.disconnect();
            all.disconnect();
            dollarSub.disconnect();
            pub.close();
            all.close();
            dollarSub.close();
        }
    }
}
