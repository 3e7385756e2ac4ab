package io.berth.it.properties;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.pubrec.Mqtt5PubRecReasonCode;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PubRecPacket;
import io.berth.codec.ReasonCode;
import io.berth.it.publish.MqttClients;
import io.berth.it.publish.Settings;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.publish;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the server answers to a PUBLISH beyond the capabilities it announced in CONNACK: a QoS above Maximum QoS
 * gets DISCONNECT 0x9B (spec 3.2.2.3.4), RETAIN 1 with Retain Available 0 gets DISCONNECT 0x9A (spec 3.3.1.3);
 * and the MQTT 5 acknowledgement of a message nobody subscribed to carries 0x10 No matching subscribers.
 */
class PublishLimitsIT {

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void qosAboveMaximumQos_isRefusedWithDisconnect0x9B(int maxQos) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.withMqtt(Settings.with("maxQosAllowed", maxQos));
             RawMqttClient pub = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            ConnAckPacket connAck = MqttClients.connect(pub, unique("pub"), true, MqttProperties.EMPTY);
            assertThat(connAck.properties().maximumQos()).isEqualTo(maxQos);
            pub.send(publish(unique("too-high"), maxQos + 1, false, 1, MqttProperties.EMPTY, "x"));
            MqttClients.expectDisconnect(pub, ReasonCode.QOS_NOT_SUPPORTED);
        }
    }

    @Test
    void qosAtMaximumQos_isAccepted() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.withMqtt(Settings.with("maxQosAllowed", 1));
             RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            MqttClients.publishAndComplete(pub, publish(unique("ok"), 1, false, 1, MqttProperties.EMPTY, "x"));
        }
    }

    @Test
    void retainWhenRetainUnavailable_isRefusedWithDisconnect0x9A() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.withMqtt(Settings.with("retainAvailable", false));
             RawMqttClient pub = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            ConnAckPacket connAck = MqttClients.connect(pub, unique("pub"), true, MqttProperties.EMPTY);
            assertThat(connAck.properties().retainAvailable()).isEqualTo(0);
            MqttClients.publishAndComplete(pub, publish(unique("plain"), 1, false, 1, MqttProperties.EMPTY, "ok"));
            pub.send(publish(unique("retained"), 1, true, 2, MqttProperties.EMPTY, "x"));
            MqttClients.expectDisconnect(pub, ReasonCode.RETAIN_NOT_SUPPORTED);
        }
    }

    /** MQTT 3.1.1 has no reason codes: the connection closes, as Mosquitto does, and nothing is stored. */
    @Test
    void mqtt311_retainWhenRetainUnavailable_closesTheConnection_andStoresNothing() throws Exception {
        String topic = unique("retained3");
        try (EmbeddedBroker broker = EmbeddedBroker.withMqtt(Settings.with("retainAvailable", false))) {
            try (RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_3_1_1, unique("pub"))) {
                pub.send(publish(topic, 1, true, 1, MqttProperties.EMPTY, "x"));
                assertThat(pub.awaitClosed(MqttClients.WAIT)).isTrue();
            }
            try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_3_1_1, unique("sub"))) {
                MqttClients.subscribe(sub, 1, topic, 1);
                assertThat(MqttClients.publishesBeforePingResp(sub)).isEmpty();
            }
        }
    }

    @Test
    void raw_ackOfAMessageWithoutSubscribers_carries0x10_elseSuccess() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"));
             RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"))) {
            String nobody = unique("nobody");
            String somebody = unique("somebody");
            MqttClients.subscribe(sub, 1, somebody, 0);

            pub.send(publish(nobody, 1, false, 1, MqttProperties.EMPTY, "x"));
            assertThat(expect(pub, PubAckPacket.class).reasonCode()).isEqualTo(ReasonCode.NO_MATCHING_SUBSCRIBERS);
            pub.send(publish(nobody, 2, false, 2, MqttProperties.EMPTY, "x"));
            assertThat(expect(pub, PubRecPacket.class).reasonCode()).isEqualTo(ReasonCode.NO_MATCHING_SUBSCRIBERS);
            pub.send(publish(somebody, 1, false, 3, MqttProperties.EMPTY, "x"));
            assertThat(expect(pub, PubAckPacket.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        }
    }

    @Test
    void hivemq_ackOfAMessageWithoutSubscribers_carries0x10() {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            Mqtt5BlockingClient pub = MqttClients.v5(broker, unique("pub"));
            try {
                Mqtt5PublishResult qos1 = pub.publishWith().topic(unique("nobody")).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(bytes("x")).send();
                assertThat(((Mqtt5PublishResult.Mqtt5Qos1Result) qos1).getPubAck().getReasonCode())
                        .isEqualTo(Mqtt5PubAckReasonCode.NO_MATCHING_SUBSCRIBERS);
                Mqtt5PublishResult qos2 = pub.publishWith().topic(unique("nobody")).qos(MqttQos.EXACTLY_ONCE)
                        .payload(bytes("x")).send();
                assertThat(((Mqtt5PublishResult.Mqtt5Qos2Result) qos2).getPubRec().getReasonCode())
                        .isEqualTo(Mqtt5PubRecReasonCode.NO_MATCHING_SUBSCRIBERS);
            } finally {
                pub.disconnect();
            }
        }
    }
}
