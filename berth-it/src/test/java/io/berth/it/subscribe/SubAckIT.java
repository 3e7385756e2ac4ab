package io.berth.it.subscribe;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.codec.SubAckPacket;
import io.berth.codec.SubscriptionRequest;
import io.berth.it.publish.MqttClients;
import io.berth.it.publish.Settings;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.TimeUnit;

import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.publish;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SUBACK carries one code per filter, in order: the QoS granted, which the server may lower to its
 * {@code max_qos_allowed} (MQTT-3.8.4-6, MQTT-3.8.4-7, MQTT-3.9.3-1), or a failure: 0xA2 when wildcard
 * subscriptions are off, 0x97 above {@code max_subscriptions}, 0x9E when shared subscriptions are off; MQTT 3.1.1
 * has only 0x80 for all of them (MQTT-3.9.3-2). A refused filter delivers nothing.
 */
class SubAckIT {

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void subAck_grantsTheRequestedQos_inFilterOrder_MQTT_3_8_4_7(MqttVersion version) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             RawMqttClient sub = MqttClients.raw(broker, version, unique("sub"))) {
            String t = unique("granted");
            SubAckPacket subAck = MqttClients.subscribe(sub, 11, MqttProperties.EMPTY,
                    new SubscriptionRequest(t + "/2", 2), new SubscriptionRequest(t + "/0", 0),
                    new SubscriptionRequest(t + "/1", 1));
            assertThat(subAck.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_2, ReasonCode.GRANTED_QOS_0,
                    ReasonCode.GRANTED_QOS_1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void maxQosAllowed1_lowersTheGrantedQos_andDeliveryQos(MqttVersion version) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.withMqtt(Settings.with("maxQosAllowed", 1));
             RawMqttClient sub = MqttClients.raw(broker, version, unique("sub"));
             RawMqttClient pub = MqttClients.raw(broker, version, unique("pub"))) {
            String topic = unique("max-qos");
            SubAckPacket subAck = MqttClients.subscribe(sub, 1, MqttProperties.EMPTY,
                    new SubscriptionRequest(topic, 2), new SubscriptionRequest(topic + "/0", 0));
            assertThat(subAck.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1, ReasonCode.GRANTED_QOS_0);
            pub.send(publish(topic, 1, false, 1, MqttProperties.EMPTY, "at-most-1"));
            PublishPacket p = expect(sub, PublishPacket.class);
            assertThat(text(p)).isEqualTo("at-most-1");
            assertThat(p.qos()).isEqualTo(1);
        }
    }

    /** HiveMQ client: the CONNACK's Maximum QoS 0 and the lowered grant. */
    @Test
    void mqtt5_maxQosAllowed0_grantsQos0() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.withMqtt(Settings.with("maxQosAllowed", 0))) {
            Mqtt5BlockingClient sub = MqttClients.v5Builder(broker, unique("sub"));
            assertThat(sub.connect().getRestrictions().getMaximumQos()).isEqualTo(MqttQos.AT_MOST_ONCE);
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
                String topic = unique("max-qos0");
                Mqtt5SubAck subAck = sub.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();
                assertThat(subAck.getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_0);
                Mqtt5BlockingClient pub = MqttClients.v5(broker, unique("pub"));
                pub.publishWith().topic(topic).payload(bytes("q0")).send();
                pub.disconnect();
                Mqtt5Publish p = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
                assertThat(p.getQos()).isEqualTo(MqttQos.AT_MOST_ONCE);
            } finally {
                sub.disconnect();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void wildcardSubscriptionOff_refusesWildcardFilters_0xA2(MqttVersion version) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.withMqtt(Settings.with("wildcardSubscription", false));
             RawMqttClient sub = RawMqttClient.connect(broker, version);
             RawMqttClient pub = MqttClients.raw(broker, version, unique("pub"))) {
            ConnAckPacket connAck = MqttClients.connect(sub, unique("sub"), true, MqttProperties.EMPTY);
            if (version.isV5()) {
                assertThat(connAck.properties().wildcardSubscriptionAvailable()).isEqualTo(0);
            }
            String t = unique("no-wild");
            SubAckPacket subAck = MqttClients.subscribe(sub, 1, MqttProperties.EMPTY,
                    new SubscriptionRequest(t + "/+", 1), new SubscriptionRequest(t + "/#", 1),
                    new SubscriptionRequest(t + "/exact", 1));
            ReasonCode refused = version.isV5()
                    ? ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED : ReasonCode.UNSPECIFIED_ERROR;
            assertThat(subAck.reasonCodes()).containsExactly(refused, refused, ReasonCode.GRANTED_QOS_1);

            pub.send(publish(t + "/other", 0, false, 0, MqttProperties.EMPTY, "not for the refused filters"));
            pub.send(publish(t + "/exact", 0, false, 0, MqttProperties.EMPTY, "exact"));
            assertThat(text(expect(sub, PublishPacket.class))).isEqualTo("exact");
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void maxSubscriptions2_refusesTheThird_0x97_butAllowsReplacingAnExistingOne(MqttVersion version)
            throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.withMqtt(Settings.with("maxSubscriptions", 2));
             RawMqttClient sub = MqttClients.raw(broker, version, unique("sub"))) {
            String t = unique("quota");
            SubAckPacket subAck = MqttClients.subscribe(sub, 1, MqttProperties.EMPTY,
                    new SubscriptionRequest(t + "/a", 0), new SubscriptionRequest(t + "/b", 0),
                    new SubscriptionRequest(t + "/c", 0));
            ReasonCode refused = version.isV5() ? ReasonCode.QUOTA_EXCEEDED : ReasonCode.UNSPECIFIED_ERROR;
            assertThat(subAck.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_0,
                    refused);
            // a SUBSCRIBE for an existing filter replaces it and does not count against the quota
            SubAckPacket again = MqttClients.subscribe(sub, 2, MqttProperties.EMPTY,
                    new SubscriptionRequest(t + "/a", 1));
            assertThat(again.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void sharedSubscriptionOff_refusesSharedFilters_0x9E(MqttVersion version) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.withMqtt(Settings.with("sharedSubscription", false));
             RawMqttClient sub = RawMqttClient.connect(broker, version)) {
            ConnAckPacket connAck = MqttClients.connect(sub, unique("sub"), true, MqttProperties.EMPTY);
            if (version.isV5()) {
                assertThat(connAck.properties().sharedSubscriptionAvailable()).isEqualTo(0);
            }
            String t = unique("no-share");
            SubAckPacket subAck = MqttClients.subscribe(sub, 1, MqttProperties.EMPTY,
                    new SubscriptionRequest("$share/g/" + t, 1), new SubscriptionRequest("$queue/" + t, 1),
                    new SubscriptionRequest(t, 1));
            ReasonCode refused = version.isV5()
                    ? ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED : ReasonCode.UNSPECIFIED_ERROR;
            assertThat(subAck.reasonCodes()).containsExactly(refused, refused, ReasonCode.GRANTED_QOS_1);
        }
    }

    /** HiveMQ client: the refused wildcard filter surfaces as the SUBACK's reason code 0xA2. */
    @Test
    void mqtt5_hivemq_wildcardSubscriptionOff_reportsWildcardNotSupported() {
        try (EmbeddedBroker broker = EmbeddedBroker.withMqtt(Settings.with("wildcardSubscription", false))) {
            Mqtt5BlockingClient sub = MqttClients.v5(broker, unique("sub"));
            try {
                Mqtt5SubAck subAck = sub.toAsync().subscribeWith().topicFilter(unique("w") + "/#").send()
                        .handle((ack, error) -> ack != null ? ack : subAckOf(error)).join();
                assertThat(subAck.getReasonCodes())
                        .containsExactly(Mqtt5SubAckReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED);
            } finally {
                sub.disconnect();
            }
        }
    }

    private static Mqtt5SubAck subAckOf(Throwable error) {
        Throwable cause = error;
        while (cause != null) {
            if (cause instanceof Mqtt5SubAckException e) {
                return e.getMqttMessage();
            }
            cause = cause.getCause();
        }
        throw new AssertionError("expected a SUBACK with failure codes", error);
    }
}
