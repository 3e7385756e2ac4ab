package io.berth.it.properties;

import io.berth.codec.ConnAckPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PublishPacket;
import io.berth.codec.SubscriptionRequest;
import io.berth.it.publish.MqttClients;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
 * Subscription Identifiers: a message sent because of a subscription carries that subscription's identifier
 * (MQTT-3.3.4-3), also a retained message sent for a new subscription, and every filter of one SUBSCRIBE shares
 * it; a subscription without one gets none.
 */
class SubscriptionIdentifierIT {

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
    void identifier_isSentWithEveryMessageOfItsSubscription_MQTT_3_3_4_3() throws Exception {
        String t = unique("sub-id");
        try (RawMqttClient sub = RawMqttClient.connect(broker, MqttVersion.MQTT_5);
             RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            ConnAckPacket connAck = MqttClients.connect(sub, unique("sub"), true, MqttProperties.EMPTY);
            assertThat(connAck.properties().subscriptionIdentifiersAvailable()).as("not announced as unavailable")
                    .isIn(null, 1);
            MqttClients.publishAndComplete(pub, publish(t + "/retained", 1, true, 1, MqttProperties.EMPTY, "r"));

            MqttClients.subscribe(sub, 1, withId(268_435_455), new SubscriptionRequest(t + "/retained", 0),
                    new SubscriptionRequest(t + "/a", 0));
            PublishPacket retained = expect(sub, PublishPacket.class);
            assertThat(retained.properties().subscriptionIdentifiers()).as("retained message")
                    .containsExactly(268_435_455);
            MqttClients.subscribe(sub, 2, MqttProperties.EMPTY, new SubscriptionRequest(t + "/none", 0));

            MqttClients.publishAndComplete(pub, publish(t + "/a", 0, false, 0, MqttProperties.EMPTY, "a"));
            MqttClients.publishAndComplete(pub, publish(t + "/none", 0, false, 0, MqttProperties.EMPTY, "none"));
            PublishPacket a = expect(sub, PublishPacket.class);
            assertThat(text(a)).isEqualTo("a");
            assertThat(a.properties().subscriptionIdentifiers()).as("second filter of the same SUBSCRIBE")
                    .containsExactly(268_435_455);
            PublishPacket none = expect(sub, PublishPacket.class);
            assertThat(text(none)).isEqualTo("none");
            assertThat(none.properties().subscriptionIdentifiers()).isEmpty();
        }
    }

    /** Second opinion: Paho MQTT 5 sees the identifier in the message properties. */
    @Test
    void paho_receivesTheSubscriptionIdentifier_MQTT_3_3_4_3() throws Exception {
        String topic = unique("paho-sub-id");
        MqttAsyncClient sub = new MqttAsyncClient(broker.tcpUri(), unique("paho-sub"), new MemoryPersistence());
        MqttClient pub = new MqttClient(broker.tcpUri(), unique("paho-pub"), new MemoryPersistence());
        BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
        try {
            sub.connect().waitForCompletion(10_000);
            pub.connect();
            org.eclipse.paho.mqttv5.common.packet.MqttProperties props =
                    new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
            props.setSubscriptionIdentifier(42);
            // Paho 1.2.5 fails on per-subscription listeners with properties: use the client callback
            sub.setCallback(PahoCallback.onMessage((t, m) -> received.add(m)));
            sub.subscribe(new MqttSubscription[] {new MqttSubscription(topic, 1)}, null, null, props)
                    .waitForCompletion(10_000);
            pub.publish(topic, bytes("with id"), 1, false);
            MqttMessage m = received.poll(10, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(m.getProperties().getSubscriptionIdentifiers()).isEqualTo(List.of(42));
        } finally {
            pub.disconnect();
            sub.disconnect().waitForCompletion(10_000);
            pub.close();
            sub.close();
        }
    }

    private static MqttProperties withId(int id) {
        return MqttProperties.builder().addSubscriptionIdentifier(id).build();
    }
}
