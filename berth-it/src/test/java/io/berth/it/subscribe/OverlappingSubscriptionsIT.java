package io.berth.it.subscribe;

import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PubCompPacket;
import io.berth.codec.PubRecPacket;
import io.berth.codec.PubRelPacket;
import io.berth.codec.PublishPacket;
import io.berth.codec.SubscriptionRequest;
import io.berth.it.publish.MqttClients;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.berth.it.publish.MqttClients.assertNoPacket;
import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.publish;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message matching several subscriptions of one client is delivered once, at the highest QoS of those
 * subscriptions (MQTT-3.3.4-2; MQTT-3.3.5-1 in 3.1.1), carrying the Subscription Identifiers of all of them
 * (MQTT-3.3.4-3, MQTT-3.3.4-4). Subscribing again to the same filter replaces the subscription (MQTT-3.8.4-3).
 */
class OverlappingSubscriptionsIT {

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
    void mqtt5_overlappingSubscriptions_oneCopyAtMaxQos_withAllSubscriptionIdentifiers_MQTT_3_3_4_2_MQTT_3_3_4_3()
            throws Exception {
        String t = unique("overlap5");
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"));
             RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            MqttClients.subscribe(sub, 1, withId(1), new SubscriptionRequest(t + "/+", 0));
            MqttClients.subscribe(sub, 2, withId(2), new SubscriptionRequest(t + "/#", 2));
            MqttClients.subscribe(sub, 3, MqttProperties.EMPTY, new SubscriptionRequest(t + "/a", 1));

            pub.send(publish(t + "/a", 2, false, 1, MqttProperties.EMPTY, "overlap"));
            assertThat(expect(pub, PubRecPacket.class).packetId()).isEqualTo(1);
            pub.send(new PubRelPacket(1));
            expect(pub, PubCompPacket.class);
            pub.send(publish(t + "/m/x", 0, false, 0, MqttProperties.EMPTY, "marker")); // matches t/# only

            PublishPacket p = expect(sub, PublishPacket.class);
            assertThat(text(p)).isEqualTo("overlap");
            assertThat(p.qos()).isEqualTo(2);
            assertThat(p.properties().subscriptionIdentifiers()).containsExactlyInAnyOrder(1, 2);
            PublishPacket marker = expect(sub, PublishPacket.class);
            assertThat(text(marker)).as("no second copy before the marker").isEqualTo("marker");
            assertThat(marker.properties().subscriptionIdentifiers()).containsExactly(2);
            sub.send(new PubRecPacket(p.packetId()));
            assertThat(expect(sub, PubRelPacket.class).packetId()).isEqualTo(p.packetId());
            sub.send(new PubCompPacket(p.packetId()));
        }
    }

    @Test
    void mqtt311_overlappingSubscriptions_deliveredAtMaxQos_MQTT_3_3_5_1() throws Exception {
        String t = unique("overlap3");
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_3_1_1, unique("sub"));
             RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_3_1_1, unique("pub"))) {
            MqttClients.subscribe(sub, 1, t + "/+", 0);
            MqttClients.subscribe(sub, 2, t + "/#", 1);
            pub.send(publish(t + "/a", 1, false, 1, MqttProperties.EMPTY, "overlap"));
            expect(pub, PubAckPacket.class);
            pub.send(publish(t + "/marker/x", 0, false, 0, MqttProperties.EMPTY, "marker"));

            PublishPacket p = expect(sub, PublishPacket.class);
            assertThat(text(p)).isEqualTo("overlap");
            assertThat(p.qos()).isEqualTo(1);
            sub.send(new PubAckPacket(p.packetId()));
            assertThat(text(expect(sub, PublishPacket.class))).isEqualTo("marker");
        }
    }

    /** The second SUBSCRIBE to the same filter replaces QoS and Subscription Identifier: one copy, new values. */
    @Test
    void mqtt5_subscribingAgainToTheSameFilter_replacesTheSubscription_MQTT_3_8_4_3() throws Exception {
        String topic = unique("replace5");
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"));
             RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            MqttClients.subscribe(sub, 1, withId(5), new SubscriptionRequest(topic, 0));
            MqttClients.subscribe(sub, 2, withId(6), new SubscriptionRequest(topic, 1));
            pub.send(publish(topic, 1, false, 1, MqttProperties.EMPTY, "replaced"));
            expect(pub, PubAckPacket.class);

            PublishPacket p = expect(sub, PublishPacket.class);
            assertThat(p.qos()).isEqualTo(1);
            assertThat(p.properties().subscriptionIdentifiers()).containsExactly(6);
            sub.send(new PubAckPacket(p.packetId()));
            assertThat(MqttClients.publishesBeforePingResp(pub)).isEmpty();
            assertNoPacket(sub);
        }
    }

    @Test
    void mqtt311_subscribingAgainToTheSameFilter_replacesTheSubscription_MQTT_3_8_4_3() throws Exception {
        String topic = unique("replace3");
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_3_1_1, unique("sub"));
             RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_3_1_1, unique("pub"))) {
            MqttClients.subscribe(sub, 1, topic, 1);
            MqttClients.subscribe(sub, 2, topic, 0);
            pub.send(publish(topic, 1, false, 1, MqttProperties.EMPTY, "replaced"));
            expect(pub, PubAckPacket.class);
            pub.send(publish(topic, 0, false, 0, MqttProperties.EMPTY, "marker"));

            PublishPacket p = expect(sub, PublishPacket.class);
            assertThat(text(p)).isEqualTo("replaced");
            assertThat(p.qos()).as("QoS of the replacing subscription").isEqualTo(0);
            assertThat(text(expect(sub, PublishPacket.class))).isEqualTo("marker");
        }
    }

    private static MqttProperties withId(int subscriptionId) {
        return MqttProperties.builder().addSubscriptionIdentifier(subscriptionId).build();
    }
}
