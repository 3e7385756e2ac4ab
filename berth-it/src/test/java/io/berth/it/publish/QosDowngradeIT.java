package io.berth.it.publish;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.testkit.EmbeddedBroker;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber receives each message at the lower of the published QoS and the QoS its subscription was granted:
 * MQTT-3.8.4-8 (MQTT 5), MQTT-3.8.4-6 (MQTT 3.1.1).
 */
class QosDowngradeIT {

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
    void mqtt5_everyPublishQosToEverySubscriptionQos_isDeliveredAtTheMinimum_MQTT_3_8_4_8() throws Exception {
        String topic = unique("qos5");
        List<Mqtt5BlockingClient> subscribers = new ArrayList<>();
        List<Mqtt5BlockingClient.Mqtt5Publishes> streams = new ArrayList<>();
        Mqtt5BlockingClient publisher = MqttClients.v5(broker, unique("pub"));
        try {
            for (int subQos = 0; subQos <= 2; subQos++) {
                Mqtt5BlockingClient sub = MqttClients.v5(broker, unique("sub" + subQos));
                subscribers.add(sub);
                streams.add(sub.publishes(MqttGlobalPublishFilter.ALL));
                sub.subscribeWith().topicFilter(topic).qos(MqttQos.fromCode(subQos)).send();
            }
            for (int pubQos = 0; pubQos <= 2; pubQos++) {
                publisher.publishWith().topic(topic).qos(MqttQos.fromCode(pubQos)).payload(bytes("q" + pubQos))
                        .send();
            }
            for (int subQos = 0; subQos <= 2; subQos++) {
                Map<String, Integer> receivedQos = new HashMap<>();
                for (int i = 0; i < 3; i++) {
                    Mqtt5Publish p = streams.get(subQos).receive(10, TimeUnit.SECONDS).orElseThrow();
                    receivedQos.put(text(p.getPayloadAsBytes()), p.getQos().getCode());
                }
                assertThat(receivedQos).as("subscription QoS %d", subQos).containsOnly(
                        Map.entry("q0", 0), Map.entry("q1", Math.min(1, subQos)), Map.entry("q2", Math.min(2, subQos)));
            }
        } finally {
            streams.forEach(Mqtt5BlockingClient.Mqtt5Publishes::close);
            subscribers.forEach(Mqtt5BlockingClient::disconnect);
            publisher.disconnect();
        }
    }

    @Test
    void mqtt311_everyPublishQosToEverySubscriptionQos_isDeliveredAtTheMinimum_MQTT_3_8_4_6() throws Exception {
        String topic = unique("qos3");
        List<Mqtt3BlockingClient> subscribers = new ArrayList<>();
        List<Mqtt3BlockingClient.Mqtt3Publishes> streams = new ArrayList<>();
        Mqtt3BlockingClient publisher = MqttClients.v3(broker, unique("pub"));
        try {
            for (int subQos = 0; subQos <= 2; subQos++) {
                Mqtt3BlockingClient sub = MqttClients.v3(broker, unique("sub" + subQos));
                subscribers.add(sub);
                streams.add(sub.publishes(MqttGlobalPublishFilter.ALL));
                sub.subscribeWith().topicFilter(topic).qos(MqttQos.fromCode(subQos)).send();
            }
            for (int pubQos = 0; pubQos <= 2; pubQos++) {
                publisher.publishWith().topic(topic).qos(MqttQos.fromCode(pubQos)).payload(bytes("q" + pubQos))
                        .send();
            }
            for (int subQos = 0; subQos <= 2; subQos++) {
                Map<String, Integer> receivedQos = new HashMap<>();
                for (int i = 0; i < 3; i++) {
                    Mqtt3Publish p = streams.get(subQos).receive(10, TimeUnit.SECONDS).orElseThrow();
                    receivedQos.put(text(p.getPayloadAsBytes()), p.getQos().getCode());
                }
                assertThat(receivedQos).as("subscription QoS %d", subQos).containsOnly(
                        Map.entry("q0", 0), Map.entry("q1", Math.min(1, subQos)), Map.entry("q2", Math.min(2, subQos)));
            }
        } finally {
            streams.forEach(Mqtt3BlockingClient.Mqtt3Publishes::close);
            subscribers.forEach(Mqtt3BlockingClient::disconnect);
            publisher.disconnect();
        }
    }

    /** Second opinion with Paho: a QoS 2 message to a QoS 1 subscription arrives at QoS 1, a QoS 1 one at QoS 1. */
    @Test
    void mqtt311_paho_qos2MessageToQos1Subscription_arrivesAtQos1() throws Exception {
        String topic = unique("qos-paho");
        MqttClient sub = new MqttClient(broker.tcpUri(), unique("paho-sub"), new MemoryPersistence());
        MqttClient pub = new MqttClient(broker.tcpUri(), unique("paho-pub"), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
        try {
            sub.connect(options);
            pub.connect(options);
            sub.subscribe(topic, 1, (IMqttMessageListener) (t, m) -> received.add(m));
            pub.publish(topic, bytes("two"), 2, false);
            pub.publish(topic, bytes("one"), 1, false);
            MqttMessage first = received.poll(10, TimeUnit.SECONDS);
            MqttMessage second = received.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(second).isNotNull();
            assertThat(text(first.getPayload())).isEqualTo("two");
            assertThat(first.getQos()).isEqualTo(1);
            assertThat(text(second.getPayload())).isEqualTo("one");
            assertThat(second.getQos()).isEqualTo(1);
        } finally {
            pub.disconnect();
            sub.disconnect();
            pub.close();
            sub.close();
        }
    }
}
