package io.berth.it.properties;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.it.publish.MqttClients;
import io.berth.it.publish.Settings;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.publish;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Topic aliases (spec 3.3.2.3.4). Inbound: the server accepts aliases 1..its Topic Alias Maximum
 * (MQTT-3.3.2-12), resolves an empty topic through the alias, allows remapping, refuses 0 or a value above the
 * maximum with DISCONNECT 0x94, an unknown alias with 0x82, and forgets aliases with the connection
 * (MQTT-3.3.2-7). Outbound: the server only uses aliases up to the client's Topic Alias Maximum (MQTT-3.3.2-11),
 * sends the topic with the alias the first time and an empty topic after, and none to a client that announced none.
 */
class TopicAliasIT {

    private static final int SERVER_ALIAS_MAX = 5;

    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.withMqtt(Settings.with("maxTopicAlias", SERVER_ALIAS_MAX));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    // ---- inbound: client to server ----

    @Test
    void inbound_aliasSetThenUsed_andRemapped_isResolvedByTheServer_MQTT_3_3_2_12() throws Exception {
        String t1 = unique("alias-in1");
        String t2 = unique("alias-in2");
        Mqtt5BlockingClient sub = MqttClients.v5(broker, unique("sub"));
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL);
             RawMqttClient pub = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            ConnAckPacket connAck = MqttClients.connect(pub, unique("pub"), true, MqttProperties.EMPTY);
            assertThat(connAck.properties().topicAliasMaximum()).isEqualTo(SERVER_ALIAS_MAX);
            sub.subscribeWith().topicFilter(t1).send();
            sub.subscribeWith().topicFilter(t2).send();

            pub.send(publish(t1, 0, false, 0, alias(SERVER_ALIAS_MAX), "one"));
            pub.send(publish("", 0, false, 0, alias(SERVER_ALIAS_MAX), "two"));
            pub.send(publish(t2, 0, false, 0, alias(SERVER_ALIAS_MAX), "three"));
            pub.send(publish("", 0, false, 0, alias(SERVER_ALIAS_MAX), "four"));

            List<String> received = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Mqtt5Publish p = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
                received.add(p.getTopic() + "=" + text(p.getPayloadAsBytes()));
            }
            assertThat(received).containsExactly(t1 + "=one", t1 + "=two", t2 + "=three", t2 + "=four");
        } finally {
            sub.disconnect();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, SERVER_ALIAS_MAX + 1})
    void inbound_aliasZeroOrAboveTheMaximum_isRefusedWith0x94(int alias) throws Exception {
        try (RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            pub.send(publish(unique("bad-alias"), 0, false, 0, alias(alias), "x"));
            MqttClients.expectDisconnect(pub, ReasonCode.TOPIC_ALIAS_INVALID);
        }
    }

    @Test
    void inbound_unknownAliasWithEmptyTopic_isAProtocolError() throws Exception {
        try (RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            pub.send(publish("", 0, false, 0, alias(2), "x"));
            MqttClients.expectDisconnect(pub, ReasonCode.PROTOCOL_ERROR);
        }
    }

    @Test
    void inbound_aliasesAreNotCarriedToTheNextConnection_MQTT_3_3_2_7() throws Exception {
        String clientId = unique("pub");
        MqttProperties keepSession = MqttProperties.builder().sessionExpiryInterval(60L).build();
        try (RawMqttClient first = MqttClients.raw(broker, MqttVersion.MQTT_5, clientId, true, keepSession)) {
            MqttClients.publishAndComplete(first, publish(unique("mapped"), 1, false, 1, alias(1), "x"));
        }
        try (RawMqttClient second = MqttClients.raw(broker, MqttVersion.MQTT_5, clientId, false, keepSession)) {
            second.send(publish("", 0, false, 0, alias(1), "y"));
            MqttClients.expectDisconnect(second, ReasonCode.PROTOCOL_ERROR);
        }
    }

    @Test
    void inbound_aliasOnAServerWithoutAliases_isRefusedWith0x94() throws Exception {
        try (EmbeddedBroker noAliases = EmbeddedBroker.withMqtt(Settings.with("maxTopicAlias", 0));
             RawMqttClient pub = RawMqttClient.connect(noAliases, MqttVersion.MQTT_5)) {
            ConnAckPacket connAck = MqttClients.connect(pub, unique("pub"), true, MqttProperties.EMPTY);
            assertThat(connAck.properties().topicAliasMaximum()).as("0 or absent").isIn(null, 0);
            pub.send(publish(unique("t"), 0, false, 0, alias(1), "x"));
            MqttClients.expectDisconnect(pub, ReasonCode.TOPIC_ALIAS_INVALID);
        }
    }

    // ---- outbound: server to client ----

    @Test
    void outbound_firstPublishCarriesTopicAndAlias_laterOnesAnEmptyTopic_MQTT_3_3_2_11() throws Exception {
        String t1 = unique("alias-out1");
        String t2 = unique("alias-out2");
        MqttProperties aliasMax = MqttProperties.builder().topicAliasMaximum(5).build();
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"), true, aliasMax);
             RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            MqttClients.subscribe(sub, 1, t1, 0);
            MqttClients.subscribe(sub, 2, t2, 0);
            for (String topic : List.of(t1, t1, t2, t1, t2)) {
                pub.send(publish(topic, 0, false, 0, MqttProperties.EMPTY, topic));
            }
            List<PublishPacket> received = receive(sub, 5);
            PublishPacket first = received.get(0);
            PublishPacket second = received.get(1);
            assertThat(first.topic()).isEqualTo(t1);
            assertThat(first.properties().topicAlias()).isBetween(1, 5);
            assertThat(second.topic()).as("topic replaced by the alias").isEmpty();
            assertThat(second.properties().topicAlias()).isEqualTo(first.properties().topicAlias());
            assertThat(received.get(2).topic()).isEqualTo(t2);
            assertThat(received.get(2).properties().topicAlias()).isBetween(1, 5)
                    .isNotEqualTo(first.properties().topicAlias());
            assertThat(resolve(received)).containsExactly(t1, t1, t2, t1, t2);
        }
    }

    @Test
    void outbound_neverUsesAnAliasAboveTheClientsMaximum_MQTT_3_3_2_11() throws Exception {
        MqttProperties aliasMax = MqttProperties.builder().topicAliasMaximum(1).build();
        String root = unique("alias-max1");
        List<String> topics = List.of(root + "/a", root + "/b", root + "/c", root + "/a", root + "/b", root + "/a");
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"), true, aliasMax);
             RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            MqttClients.subscribe(sub, 1, root + "/+", 0);
            for (String topic : topics) {
                pub.send(publish(topic, 0, false, 0, MqttProperties.EMPTY, topic));
            }
            List<PublishPacket> received = receive(sub, topics.size());
            assertThat(received).allSatisfy(p -> {
                if (p.properties().topicAlias() != null) {
                    assertThat(p.properties().topicAlias()).isEqualTo(1);
                }
            });
            assertThat(resolve(received)).containsExactlyElementsOf(topics);
        }
    }

    @Test
    void outbound_noAliasesForAClientThatAnnouncedNone() throws Exception {
        String topic = unique("no-alias-out");
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"));
             RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            MqttClients.subscribe(sub, 1, topic, 0);
            pub.send(publish(topic, 0, false, 0, MqttProperties.EMPTY, "1"));
            pub.send(publish(topic, 0, false, 0, MqttProperties.EMPTY, "2"));
            assertThat(receive(sub, 2)).allSatisfy(p -> {
                assertThat(p.topic()).isEqualTo(topic);
                assertThat(p.properties().topicAlias()).isNull();
            });
        }
    }

    /**
     * A message dropped because it exceeds the client's Maximum Packet Size (MQTT-3.1.2-25) was never sent, so it
     * cannot have established an alias: the next message on that topic must still carry the topic name.
     */
    @Test
    void outbound_aliasIsNotEstablishedByAMessageDroppedForItsSize_MQTT_3_1_2_25() throws Exception {
        String topic = unique("alias-dropped");
        MqttProperties limits = MqttProperties.builder().topicAliasMaximum(5).maximumPacketSize(200L).build();
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"), true, limits);
             RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            MqttClients.subscribe(sub, 1, topic, 0);
            pub.send(publish(topic, 0, false, 0, MqttProperties.EMPTY, "x".repeat(500)));
            pub.send(publish(topic, 0, false, 0, MqttProperties.EMPTY, "small"));
            pub.send(publish(topic, 0, false, 0, MqttProperties.EMPTY, "small again"));
            List<PublishPacket> received = receive(sub, 2);
            assertThat(received).extracting(MqttClients::text).containsExactly("small", "small again");
            assertThat(received.get(0).topic()).as("first PUBLISH the client sees names the topic").isEqualTo(topic);
            assertThat(resolve(received)).containsExactly(topic, topic);
        }
    }

    /** HiveMQ client announcing a Topic Alias Maximum resolves the server's aliases transparently. */
    @Test
    void outbound_hivemq_topicsAndPayloadsArriveIntact() throws Exception {
        String t1 = unique("alias-hive1");
        String t2 = unique("alias-hive2");
        Mqtt5BlockingClient sub = MqttClients.v5Builder(broker, unique("sub"));
        sub.connectWith().restrictions().topicAliasMaximum(3).applyRestrictions().send();
        Mqtt5BlockingClient pub = MqttClients.v5(broker, unique("pub"));
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(t1).qos(MqttQos.AT_LEAST_ONCE).send();
            sub.subscribeWith().topicFilter(t2).qos(MqttQos.AT_LEAST_ONCE).send();
            List<String> sent = List.of(t1, t2, t1, t1, t2);
            for (int i = 0; i < sent.size(); i++) {
                pub.publishWith().topic(sent.get(i)).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("p" + i)).send();
            }
            for (int i = 0; i < sent.size(); i++) {
                Mqtt5Publish p = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
                assertThat(p.getTopic().toString()).isEqualTo(sent.get(i));
                assertThat(text(p.getPayloadAsBytes())).isEqualTo("p" + i);
            }
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    private static MqttProperties alias(int alias) {
        return MqttProperties.builder().topicAlias(alias).build();
    }

    private static List<PublishPacket> receive(RawMqttClient sub, int count) throws Exception {
        List<PublishPacket> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(expect(sub, PublishPacket.class));
        }
        return received;
    }

    /** Resolves topics as a client would: a topic with an alias sets it, an empty topic looks it up. */
    private static List<String> resolve(List<PublishPacket> packets) {
        Map<Integer, String> aliases = new HashMap<>();
        List<String> topics = new ArrayList<>();
        for (PublishPacket p : packets) {
            Integer alias = p.properties().topicAlias();
            if (p.topic().isEmpty()) {
                assertThat(aliases).as("alias %s of an empty topic is known", alias).containsKey(alias);
                topics.add(aliases.get(alias));
            } else {
                if (alias != null) {
                    aliases.put(alias, p.topic());
                }
                topics.add(p.topic());
            }
        }
        return topics;
    }
}
