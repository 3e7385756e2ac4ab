package io.berth.it.shared;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.codec.SubscribePacket;
import io.berth.codec.SubscriptionRequest;
import io.berth.core.session.Session;
import io.berth.it.publish.MqttClients;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.berth.it.publish.MqttClients.WAIT;
import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.publish;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shared subscriptions (MQTT 5 spec 4.8.2; EMQX's {@code $queue/} form, also over MQTT 3.1.1): each message goes
 * to exactly one member of a group, every group gets every message, a shared subscription gets no retained
 * messages, and when a member leaves or goes offline the others get everything.
 */
class SharedSubscriptionIT {

    private static final int COUNT = 20;

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
    @ValueSource(strings = {"$share/g/", "$queue/"})
    void group_spreadsMessagesOverItsMembers_eachToExactlyOne(String prefix) throws Exception {
        String topic = unique("shared");
        Member a = Member.join(prefix + topic);
        Member b = Member.join(prefix + topic);
        try {
            publishNumbered(topic, COUNT);
            awaitTotal(COUNT, a, b);
            assertThat(a.received).as("member a").isNotEmpty();
            assertThat(b.received).as("member b").isNotEmpty();
            assertExactlyOnce(COUNT, a, b);
        } finally {
            a.leave();
            b.leave();
        }
    }

    @Test
    void twoGroups_eachGetEveryMessage() throws Exception {
        String topic = unique("two-groups");
        Member g1a = Member.join("$share/g1/" + topic);
        Member g1b = Member.join("$share/g1/" + topic);
        Member g2 = Member.join("$share/g2/" + topic);
        Member plain = Member.join(topic);
        try {
            publishNumbered(topic, COUNT);
            awaitTotal(COUNT, g2);
            awaitTotal(COUNT, plain);
            awaitTotal(COUNT, g1a, g1b);
            assertExactlyOnce(COUNT, g1a, g1b);
            assertExactlyOnce(COUNT, g2);
            assertExactlyOnce(COUNT, plain);
        } finally {
            g1a.leave();
            g1b.leave();
            g2.leave();
            plain.leave();
        }
    }

    /** Second opinion: Paho over MQTT 3.1.1 with the {@code $share/} form. */
    @Test
    void mqtt311_paho_sharedGroup_spreadsMessages() throws Exception {
        String topic = unique("shared-paho");
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        List<MqttClient> members = new ArrayList<>();
        List<Queue<String>> received = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                MqttClient m = new MqttClient(broker.tcpUri(), unique("paho-member"), new MemoryPersistence());
                Queue<String> q = new ConcurrentLinkedQueue<>();
                // the client callback: Paho's per-filter listeners do not match "$share/pg/t" to topic "t"
                m.setCallback(new MqttCallback() {
                    @Override
                    public void messageArrived(String t, MqttMessage msg) {
                        q.add(text(msg.getPayload()));
                    }

                    @Override
                    public void connectionLost(Throwable cause) {
                    }

                    @Override
                    public void deliveryComplete(IMqttDeliveryToken token) {
                    }
                });
                m.connect(options);
                m.subscribe("$share/pg/" + topic, 1);
                members.add(m);
                received.add(q);
            }
            publishNumbered(topic, COUNT);
            await().atMost(WAIT).until(() -> received.get(0).size() + received.get(1).size() >= COUNT);
            assertThat(received.get(0)).isNotEmpty();
            assertThat(received.get(1)).isNotEmpty();
            Set<String> all = new HashSet<>(received.get(0));
            all.addAll(received.get(1));
            assertThat(all).hasSize(COUNT);
            assertThat(received.get(0).size() + received.get(1).size()).isEqualTo(COUNT);
        } finally {
            for (MqttClient m : members) {
                m.disconnect();
                m.close();
            }
        }
    }

    /** No retained messages for a shared subscription (spec 4.8.2), while a plain one gets them. */
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void sharedSubscription_getsNoRetainedMessages(MqttVersion version) throws Exception {
        String topic = unique("shared-retained");
        try (RawMqttClient pub = MqttClients.raw(broker, version, unique("pub"));
             RawMqttClient sub = MqttClients.raw(broker, version, unique("sub"))) {
            MqttClients.publishAndComplete(pub, publish(topic, 1, true, 1, MqttProperties.EMPTY, "retained"));
            MqttClients.subscribe(sub, 1, "$share/g/" + topic, 1);
            MqttClients.subscribe(sub, 2, "$queue/" + topic, 1);
            assertThat(MqttClients.publishesBeforePingResp(sub)).isEmpty();
            MqttClients.subscribe(sub, 3, topic, 1);
            assertThat(MqttClients.publishesBeforePingResp(sub)).extracting(MqttClients::text)
                    .containsExactly("retained");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unsubscribe", "disconnect", "offline"})
    void memberLeaving_theRemainingMemberGetsEverything(String how) throws Exception {
        String topic = unique("leaving");
        Member stays = Member.join("$share/g/" + topic);
        Member leaves = switch (how) {
            case "offline" -> Member.joinWithSessionExpiry("$share/g/" + topic, 60);
            default -> Member.join("$share/g/" + topic);
        };
        try {
            switch (how) {
                case "unsubscribe" -> leaves.client.unsubscribeWith().topicFilter("$share/g/" + topic).send();
                default -> {
                    leaves.leave();
                    leaves.awaitGone();
                }
            }
            publishNumbered(topic, COUNT);
            awaitTotal(COUNT, stays);
            assertExactlyOnce(COUNT, stays);
            assertThat(leaves.received).isEmpty();
        } finally {
            stays.leave();
            if (how.equals("unsubscribe")) {
                leaves.leave();
            }
        }
    }

    /** No Local on a shared subscription is a Protocol Error (MQTT-3.8.3-4): DISCONNECT 0x82. */
    @Test
    void mqtt5_noLocalOnSharedSubscription_isAProtocolError_MQTT_3_8_3_4() throws Exception {
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"))) {
            sub.send(new SubscribePacket(1, List.of(new SubscriptionRequest("$share/g/" + unique("nl"), 1, true,
                    false, 0)), MqttProperties.EMPTY));
            MqttClients.expectDisconnect(sub, ReasonCode.PROTOCOL_ERROR);
        }
    }

    /** A share name must be non-empty, without wildcards, and followed by a filter (MQTT-4.8.2-1, MQTT-4.8.2-2). */
    @ParameterizedTest
    @ValueSource(strings = {"$share//t", "$share/g+/t", "$share/g#/t", "$share/g", "$share/g/"})
    void mqtt5_invalidSharedFilter_closesTheConnection_MQTT_4_8_2_1_MQTT_4_8_2_2(String filter) throws Exception {
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"))) {
            sub.send(new SubscribePacket(1, List.of(new SubscriptionRequest(filter, 1)), MqttProperties.EMPTY));
            DisconnectPacket d = MqttClients.expect(sub, DisconnectPacket.class);
            assertThat(d.reasonCode()).isIn(ReasonCode.MALFORMED_PACKET, ReasonCode.PROTOCOL_ERROR);
            assertThat(sub.awaitClosed(WAIT)).isTrue();
        }
    }

    private static void publishNumbered(String topic, int count) {
        Mqtt5BlockingClient pub = MqttClients.v5(broker, unique("pub"));
        try {
            for (int i = 0; i < count; i++) {
                pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes(Integer.toString(i))).send();
            }
        } finally {
            pub.disconnect();
        }
    }

    /**
     * Waits until the members together received {@code count} messages, then until each received a marker sent
     * to it after them: a message routed twice would have arrived before the marker.
     */
    private static void awaitTotal(int count, Member... members) {
        await().atMost(WAIT).until(() -> total(members) >= count);
        Mqtt5BlockingClient pub = MqttClients.v5(broker, unique("marker-pub"));
        try {
            for (Member m : members) {
                pub.publishWith().topic(m.markerTopic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("marker")).send();
            }
        } finally {
            pub.disconnect();
        }
        for (Member m : members) {
            await().atMost(WAIT).until(() -> m.markers.get() > 0);
        }
    }

    private static int total(Member... members) {
        return IntStream.range(0, members.length).map(i -> members[i].received.size()).sum();
    }

    /** Every number 0..count-1 arrived at exactly one of the members. */
    private static void assertExactlyOnce(int count, Member... members) {
        List<String> all = new ArrayList<>();
        for (Member m : members) {
            all.addAll(m.received);
        }
        assertThat(all).doesNotHaveDuplicates().hasSize(count);
        assertThat(all.stream().map(Integer::parseInt).collect(Collectors.toSet()))
                .isEqualTo(IntStream.range(0, count).boxed().collect(Collectors.toSet()));
    }

    /** A HiveMQ MQTT 5 client subscribed at QoS 1, collecting payloads; it also listens on a marker topic. */
    private static final class Member {
        final Mqtt5BlockingClient client;
        final String clientId = unique("member");
        final String markerTopic = unique("marker");
        final Queue<String> received = new ConcurrentLinkedQueue<>();
        final AtomicInteger markers = new AtomicInteger();

        private Member(long sessionExpiry) {
            client = MqttClients.v5Builder(broker, clientId);
            client.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> {
                if (p.getTopic().toString().equals(markerTopic)) {
                    markers.incrementAndGet();
                } else {
                    received.add(text(p.getPayloadAsBytes()));
                }
            });
            client.connectWith().sessionExpiryInterval(sessionExpiry).send();
            client.subscribeWith().topicFilter(markerTopic).qos(MqttQos.AT_LEAST_ONCE).send();
        }

        static Member join(String filter) {
            return new Member(0).subscribe(filter);
        }

        /** A member whose session outlives its connection, so it stays in the group while offline. */
        static Member joinWithSessionExpiry(String filter, long seconds) {
            return new Member(seconds).subscribe(filter);
        }

        private Member subscribe(String filter) {
            client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
            return this;
        }

        void leave() {
            if (client.getState().isConnected()) {
                client.disconnect();
            }
        }

        /** Waits until the broker has ended this member's session (clean) or detached it (persistent). */
        void awaitGone() {
            await().atMost(WAIT).until(() -> {
                Session s = broker.broker().context().sessions().get(clientId);
                return s == null || !s.isConnected();
            });
        }
    }
}
