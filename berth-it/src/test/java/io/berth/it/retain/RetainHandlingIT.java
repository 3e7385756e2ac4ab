package io.berth.it.retain;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PublishPacket;
import io.berth.codec.SubscriptionRequest;
import io.berth.codec.UnsubAckPacket;
import io.berth.codec.UnsubscribePacket;
import io.berth.it.publish.MqttClients;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.publish;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MQTT 5 Retain Handling subscription option: 0 sends the retained messages on every SUBSCRIBE, also one that
 * replaces an existing subscription (MQTT-3.3.1-9, MQTT-3.8.4-4); 1 only when the subscription is new
 * (MQTT-3.3.1-10); 2 never (MQTT-3.3.1-11).
 */
class RetainHandlingIT {

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
    void retainHandling0_sendsRetainedOnEverySubscribe_MQTT_3_3_1_9_MQTT_3_8_4_4() throws Exception {
        String topic = retainedTopic("rh0");
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"))) {
            assertThat(subscribe(sub, 1, topic, 0)).extracting(MqttClients::text).containsExactly("retained");
            assertThat(subscribe(sub, 2, topic, 0)).as("again, replacing the subscription")
                    .extracting(MqttClients::text).containsExactly("retained");
        }
    }

    @Test
    void retainHandling1_sendsRetainedOnlyForANewSubscription_MQTT_3_3_1_10() throws Exception {
        String topic = retainedTopic("rh1");
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"))) {
            assertThat(subscribe(sub, 1, topic, 1)).extracting(MqttClients::text).containsExactly("retained");
            assertThat(subscribe(sub, 2, topic, 1)).as("the subscription existed").isEmpty();
            MqttClients.subscribe(sub, 3, topic + "/other", 0);
            assertThat(subscribe(sub, 4, topic, 1)).as("still existed").isEmpty();
        }
    }

    @Test
    void retainHandling1_afterUnsubscribe_theSubscriptionIsNewAgain_MQTT_3_3_1_10() throws Exception {
        String topic = retainedTopic("rh1-unsub");
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"))) {
            assertThat(subscribe(sub, 1, topic, 1)).hasSize(1);
            sub.send(new UnsubscribePacket(2, List.of(topic), MqttProperties.EMPTY));
            MqttClients.expect(sub, UnsubAckPacket.class);
            assertThat(subscribe(sub, 3, topic, 1)).extracting(MqttClients::text).containsExactly("retained");
        }
    }

    @Test
    void retainHandling2_neverSendsRetained_MQTT_3_3_1_11() throws Exception {
        String topic = retainedTopic("rh2");
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"))) {
            assertThat(subscribe(sub, 1, topic, 2)).isEmpty();
            assertThat(subscribe(sub, 2, topic, 2)).isEmpty();
        }
    }

    /** HiveMQ client: DO_NOT_SEND gets no retained message, while live messages still flow. */
    @Test
    void mqtt5_hivemq_doNotSend_receivesOnlyLiveMessages_MQTT_3_3_1_11() throws Exception {
        String topic = retainedTopic("rh2-hive");
        Mqtt5BlockingClient sub = MqttClients.v5(broker, unique("sub"));
        Mqtt5BlockingClient pub = MqttClients.v5(broker, unique("pub"));
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .retainHandling(Mqtt5RetainHandling.DO_NOT_SEND).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("live")).send();
            Optional<Mqtt5Publish> first = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(first).isPresent();
            assertThat(text(first.get().getPayloadAsBytes())).isEqualTo("live");
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    /** A topic with the retained message "retained" (QoS 1). */
    private static String retainedTopic(String prefix) throws IOException {
        String topic = unique(prefix);
        try (RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            MqttClients.publishAndComplete(pub, publish(topic, 1, true, 1, MqttProperties.EMPTY, "retained"));
        }
        return topic;
    }

    /** Subscribes at QoS 0 with the Retain Handling option and returns the retained messages sent for it. */
    private static List<PublishPacket> subscribe(RawMqttClient sub, int packetId, String topic, int retainHandling)
            throws IOException {
        MqttClients.subscribe(sub, packetId, MqttProperties.EMPTY,
                new SubscriptionRequest(topic, 0, false, false, retainHandling));
        return MqttClients.publishesBeforePingResp(sub);
    }
}
