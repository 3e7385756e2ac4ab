package io.berth.it.subscribe;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.unsuback.Mqtt5UnsubAck;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.unsuback.Mqtt5UnsubAckReasonCode;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.codec.UnsubAckPacket;
import io.berth.codec.UnsubscribePacket;
import io.berth.it.publish.MqttClients;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.berth.it.publish.MqttClients.assertNoPacket;
import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.publish;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * UNSUBSCRIBE stops delivery for the filter (MQTT-3.10.4-2), compares filters character by character
 * (MQTT-3.10.4-1), and is answered with UNSUBACK carrying the same packet identifier (MQTT-3.10.4-4,
 * MQTT-3.10.4-5) and, in MQTT 5, one reason code per filter: 0x00 or 0x11 No subscription existed (spec 3.11.3).
 */
class UnsubscribeIT {

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
    void mqtt5_unsubscribe_stopsDelivery_andReportsSuccess_MQTT_3_10_4_2() throws Exception {
        String topic = unique("unsub5");
        Mqtt5BlockingClient sub = MqttClients.v5(broker, unique("sub"));
        Mqtt5BlockingClient pub = MqttClients.v5(broker, unique("pub"));
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            sub.subscribeWith().topicFilter(topic + "/marker").qos(MqttQos.AT_LEAST_ONCE).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("before")).send();
            assertThat(text(publishes.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes()))
                    .isEqualTo("before");

            Mqtt5UnsubAck unsubAck = sub.unsubscribeWith().topicFilter(topic).send();
            assertThat(unsubAck.getReasonCodes()).containsExactly(Mqtt5UnsubAckReasonCode.SUCCESS);
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("after")).send();
            pub.publishWith().topic(topic + "/marker").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("marker")).send();
            Mqtt5Publish next = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(text(next.getPayloadAsBytes())).isEqualTo("marker");
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    @Test
    void mqtt311_unsubscribe_stopsDelivery_MQTT_3_10_4_2() throws Exception {
        String topic = unique("unsub3");
        Mqtt3BlockingClient sub = MqttClients.v3(broker, unique("sub"));
        Mqtt3BlockingClient pub = MqttClients.v3(broker, unique("pub"));
        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            sub.subscribeWith().topicFilter(topic + "/marker").qos(MqttQos.AT_LEAST_ONCE).send();
            sub.unsubscribeWith().topicFilter(topic).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("after")).send();
            pub.publishWith().topic(topic + "/marker").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("marker")).send();
            Mqtt3Publish next = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(text(next.getPayloadAsBytes())).isEqualTo("marker");
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    /**
     * One code per filter: 0x00 for the existing subscription, 0x11 for a filter never subscribed and for a
     * filter that only matches a subscription's filter as a topic would ({@code a/x} versus {@code a/+}).
     */
    @Test
    void mqtt5_unsubAck_hasOneReasonCodePerFilter_0x11ForNoSubscription() throws Exception {
        String t = unique("unsuback");
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"))) {
            MqttClients.subscribe(sub, 1, t + "/+", 1);
            MqttClients.subscribe(sub, 2, "$share/g/" + t, 1);
            sub.send(new UnsubscribePacket(77, List.of(t + "/x", t + "/+", t + "/never", "$share/g/" + t),
                    MqttProperties.EMPTY));
            UnsubAckPacket unsubAck = expect(sub, UnsubAckPacket.class);
            assertThat(unsubAck.packetId()).isEqualTo(77);
            assertThat(unsubAck.reasonCodes()).containsExactly(ReasonCode.NO_SUBSCRIPTION_EXISTED,
                    ReasonCode.SUCCESS, ReasonCode.NO_SUBSCRIPTION_EXISTED, ReasonCode.SUCCESS);
        }
    }

    /** Unsubscribing {@code a/x} leaves {@code a/+} in place: filters are compared as strings (MQTT-3.10.4-1). */
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void unsubscribe_comparesFiltersCharacterByCharacter_MQTT_3_10_4_1(MqttVersion version) throws Exception {
        String t = unique("literal");
        try (RawMqttClient sub = MqttClients.raw(broker, version, unique("sub"));
             RawMqttClient pub = MqttClients.raw(broker, version, unique("pub"))) {
            MqttClients.subscribe(sub, 1, t + "/+", 0);
            sub.send(new UnsubscribePacket(5, List.of(t + "/x"), MqttProperties.EMPTY));
            assertThat(expect(sub, UnsubAckPacket.class).packetId()).isEqualTo(5); // MQTT-3.10.4-5
            pub.send(publish(t + "/x", 0, false, 0, MqttProperties.EMPTY, "still subscribed"));
            assertThat(text(expect(sub, PublishPacket.class))).isEqualTo("still subscribed");

            sub.send(new UnsubscribePacket(6, List.of(t + "/+"), MqttProperties.EMPTY));
            assertThat(expect(sub, UnsubAckPacket.class).packetId()).isEqualTo(6);
            pub.send(publish(t + "/x", 0, false, 0, MqttProperties.EMPTY, "gone"));
            // barrier: the publisher's PINGRESP comes after the server routed "gone"
            assertThat(MqttClients.publishesBeforePingResp(pub)).isEmpty();
            assertNoPacket(sub);
        }
    }
}
