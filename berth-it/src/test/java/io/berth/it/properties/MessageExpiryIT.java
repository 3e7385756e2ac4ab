package io.berth.it.properties;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PublishPacket;
import io.berth.it.publish.MqttClients;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.berth.it.publish.MqttClients.assertNoPacket;
import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.publish;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Message Expiry Interval (spec 3.3.2.3.3): forwarded with the received value minus the time the message waited
 * in the server (MQTT-3.3.2-6), absent when the publisher set none, and a message queued for an offline session
 * whose interval has passed is not delivered (MQTT-3.3.2-5).
 */
class MessageExpiryIT {

    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void liveMessage_isForwardedWithAtMostTheOriginalInterval_MQTT_3_3_2_6() throws Exception {
        String topic = unique("expiry-live");
        Mqtt5BlockingClient sub = MqttClients.v5(broker, unique("sub"));
        Mqtt5BlockingClient pub = MqttClients.v5(broker, unique("pub"));
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).messageExpiryInterval(120)
                    .payload(bytes("expiring")).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("forever")).send();
            Mqtt5Publish expiring = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(expiring.getMessageExpiryInterval()).isPresent();
            assertThat(expiring.getMessageExpiryInterval().getAsLong()).isBetween(1L, 120L);
            Mqtt5Publish forever = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(forever.getMessageExpiryInterval()).as("no expiry when none was set").isEmpty();
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    /**
     * An offline session queues three messages: one expiring after 1 s, one after 120 s, one never. The 1 s one
     * is also published retained, and the retained copy (same arrival time, same interval) disappears when it
     * expires: that is the signal to reconnect. The session then receives the other two only, the 120 s one with
     * less than its original interval left.
     */
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void queuedMessagePastItsExpiry_isNotDelivered_MQTT_3_3_2_5(MqttVersion version) throws Exception {
        String topic = unique("expiry-queued");
        String clientId = unique("offline");
        MqttProperties keepSession = version.isV5()
                ? MqttProperties.builder().sessionExpiryInterval(60L).build() : MqttProperties.EMPTY;
        try (RawMqttClient sub = MqttClients.raw(broker, version, clientId, false, keepSession)) {
            MqttClients.subscribe(sub, 1, topic, 1);
        }
        MqttClients.awaitSessionOffline(broker, clientId);
        try (RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            MqttClients.publishAndComplete(pub, publish(topic, 1, true, 1, expiry(1), "short"));
            MqttClients.publishAndComplete(pub, publish(topic, 1, false, 2, expiry(120), "long"));
            MqttClients.publishAndComplete(pub, publish(topic, 1, false, 3, MqttProperties.EMPTY, "none"));
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> retainedFor(topic).isEmpty());

        try (RawMqttClient sub = RawMqttClient.connect(broker, version)) {
            ConnAckPacket connAck = MqttClients.connect(sub, clientId, false, keepSession);
            assertThat(connAck.sessionPresent()).isTrue();
            List<PublishPacket> delivered = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                PublishPacket p = expect(sub, PublishPacket.class);
                sub.send(new PubAckPacket(p.packetId()));
                delivered.add(p);
            }
            assertThat(delivered).extracting(MqttClients::text).containsExactly("long", "none");
            if (version.isV5()) {
                assertThat(delivered.get(0).properties().messageExpiryInterval())
                        .as("120 s minus the time it waited (at least 1 s)").isBetween(1L, 119L);
                assertThat(delivered.get(1).properties().messageExpiryInterval()).isNull();
            }
            assertThat(MqttClients.publishesBeforePingResp(sub)).isEmpty();
            assertNoPacket(sub);
        }
    }

    private static MqttProperties expiry(long seconds) {
        return MqttProperties.builder().messageExpiryInterval(seconds).build();
    }

    private static List<PublishPacket> retainedFor(String topic) throws IOException {
        try (RawMqttClient probe = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("probe"))) {
            MqttClients.subscribe(probe, 1, topic, 0);
            return MqttClients.publishesBeforePingResp(probe);
        }
    }
}
