package io.berth.it.retain;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PublishPacket;
import io.berth.it.publish.MqttClients;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.publish;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retained messages (spec 3.3.1.3): stored when RETAIN is 1 and sent to new subscriptions with RETAIN 1
 * (MQTT 5: MQTT-3.3.1-5, MQTT-3.3.1-9; 3.1.1: MQTT-3.3.1-5, -6, -8), replaced by a newer one, removed by an empty
 * payload which is itself forwarded normally and not stored (MQTT 5: MQTT-3.3.1-6, -7; 3.1.1: MQTT-3.3.1-10, -11),
 * left alone by a PUBLISH with RETAIN 0 (MQTT 5: MQTT-3.3.1-8; 3.1.1: MQTT-3.3.1-12), and delivered at the lower
 * of the stored QoS and the subscription's QoS.
 */
class RetainedMessagesIT {

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
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void newSubscription_receivesRetainedMessage_withRetainFlag_MQTT_3_3_1_9(MqttVersion version) throws Exception {
        String topic = unique("retained");
        try (RawMqttClient pub = MqttClients.raw(broker, version, unique("pub"))) {
            publishRetained(pub, topic, 1, "kept");
        }
        List<PublishPacket> retained = retainedFor(version, topic, 1);
        assertThat(retained).hasSize(1);
        PublishPacket p = retained.get(0);
        assertThat(text(p)).isEqualTo("kept");
        assertThat(p.retain()).as("RETAIN 1 on a message sent for a new subscription").isTrue();
        assertThat(p.qos()).isEqualTo(1);
        assertThat(p.topic()).isEqualTo(topic);
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void newerRetainedMessage_replacesTheOlder_MQTT_3_3_1_5(MqttVersion version) throws Exception {
        String topic = unique("replaced");
        try (RawMqttClient pub = MqttClients.raw(broker, version, unique("pub"))) {
            publishRetained(pub, topic, 1, "old");
            publishRetained(pub, topic, 0, "new");
        }
        List<PublishPacket> retained = retainedFor(version, topic, 1);
        assertThat(retained).extracting(MqttClients::text).containsExactly("new");
        assertThat(retained.get(0).qos()).as("QoS of the replacing message").isEqualTo(0);
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void emptyRetainedPayload_isForwarded_thenClearsTheRetainedMessage_MQTT_3_3_1_6_MQTT_3_3_1_7(
            MqttVersion version) throws Exception {
        String topic = unique("cleared");
        try (RawMqttClient pub = MqttClients.raw(broker, version, unique("pub"));
             RawMqttClient existing = MqttClients.raw(broker, version, unique("existing"))) {
            publishRetained(pub, topic, 1, "to be cleared");
            MqttClients.subscribe(existing, 1, topic, 0);
            assertThat(text(expect(existing, PublishPacket.class))).isEqualTo("to be cleared");

            publishRetained(pub, topic, 1, "");
            PublishPacket empty = expect(existing, PublishPacket.class);
            assertThat(empty.payload().readableBytes()).as("the empty message is forwarded normally").isZero();
        }
        assertThat(retainedFor(version, topic, 1)).as("retained after the empty payload").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void publishWithRetain0_neitherReplacesNorRemovesTheRetainedMessage_MQTT_3_3_1_8(MqttVersion version)
            throws Exception {
        String topic = unique("untouched");
        try (RawMqttClient pub = MqttClients.raw(broker, version, unique("pub"))) {
            publishRetained(pub, topic, 1, "retained");
            pub.send(publish(topic, 1, false, 2, MqttProperties.EMPTY, "live"));
            expect(pub, PubAckPacket.class);
            pub.send(publish(topic, 1, false, 3, MqttProperties.EMPTY, ""));
            expect(pub, PubAckPacket.class);
        }
        assertThat(retainedFor(version, topic, 1)).extracting(MqttClients::text).containsExactly("retained");
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void retainedMessages_matchingAWildcardFilter_areAllSent_atTheLowerQos(MqttVersion version) throws Exception {
        String root = unique("wild-retained");
        try (RawMqttClient pub = MqttClients.raw(broker, version, unique("pub"))) {
            publishRetained(pub, root + "/a", 2, "a");
            publishRetained(pub, root + "/b/c", 1, "c");
            publishRetained(pub, root, 0, "root");
            publishRetained(pub, root + "x/d", 1, "other");
        }
        List<PublishPacket> retained = retainedFor(version, root + "/#", 1);
        assertThat(retained).extracting(MqttClients::text).containsExactlyInAnyOrder("a", "c", "root");
        assertThat(retained).allSatisfy(p -> assertThat(p.retain()).isTrue());
        assertThat(retained).filteredOn(p -> text(p).equals("a")).singleElement()
                .satisfies(p -> assertThat(p.qos()).as("min(2, 1)").isEqualTo(1));
        assertThat(retained).filteredOn(p -> text(p).equals("root")).singleElement()
                .satisfies(p -> assertThat(p.qos()).isEqualTo(0));
    }

    /** HiveMQ client, MQTT 5: a new subscriber sees the retained flag; the flag is what the broker set. */
    @Test
    void mqtt5_hivemq_retainedMessage_arrivesWithRetainFlag() throws Exception {
        String topic = unique("hive-retained");
        Mqtt5BlockingClient pub = MqttClients.v5(broker, unique("pub"));
        pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("hive")).send();
        pub.disconnect();
        Mqtt5BlockingClient sub = MqttClients.v5(broker, unique("sub"));
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();
            Mqtt5Publish p = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(text(p.getPayloadAsBytes())).isEqualTo("hive");
            assertThat(p.isRetain()).isTrue();
            assertThat(p.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
        } finally {
            sub.disconnect();
        }
    }

    /** Second opinion with Paho over MQTT 3.1.1: set, read back with RETAIN 1, clear, read back nothing. */
    @Test
    void mqtt311_paho_retainedMessage_setAndCleared() throws Exception {
        String topic = unique("paho-retained");
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        MqttClient pub = new MqttClient(broker.tcpUri(), unique("paho-pub"), new MemoryPersistence());
        MqttClient sub = new MqttClient(broker.tcpUri(), unique("paho-sub"), new MemoryPersistence());
        BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
        try {
            pub.connect(options);
            sub.connect(options);
            pub.publish(topic, bytes("paho"), 1, true);
            sub.subscribe(topic, 1, (IMqttMessageListener) (t, m) -> received.add(m));
            MqttMessage m = received.poll(10, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(text(m.getPayload())).isEqualTo("paho");
            assertThat(m.isRetained()).isTrue();
            pub.publish(topic, new byte[0], 1, true);
            MqttMessage cleared = received.poll(10, TimeUnit.SECONDS);
            assertThat(cleared).isNotNull();
            assertThat(cleared.getPayload()).isEmpty();
        } finally {
            pub.disconnect();
            sub.disconnect();
            pub.close();
            sub.close();
        }
        assertThat(retainedFor(MqttVersion.MQTT_3_1_1, topic, 1)).isEmpty();
    }

    /** Publishes a retained message and waits for the acknowledgement (QoS 1/2) or a PINGRESP (QoS 0). */
    static void publishRetained(RawMqttClient pub, String topic, int qos, String payload) throws IOException {
        MqttClients.publishAndComplete(pub, publish(topic, qos, true, qos == 0 ? 0 : 1, MqttProperties.EMPTY,
                payload));
    }

    /** The retained messages a new subscription to {@code filter} receives, by a fresh clean client. */
    static List<PublishPacket> retainedFor(MqttVersion version, String filter, int qos) throws IOException {
        try (RawMqttClient probe = MqttClients.raw(broker, version, unique("probe"))) {
            MqttClients.subscribe(probe, 1, filter, qos);
            return MqttClients.publishesBeforePingResp(probe);
        }
    }
}
