package io.berth.it.publish;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.testkit.EmbeddedBroker;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages from one client on one topic at one QoS reach a subscriber in the order they were published, also when
 * the subscriber's small Receive Maximum makes the server queue them (MQTT-4.6.0-5, MQTT-4.6.0-6).
 */
class MessageOrderingIT {

    private static final int COUNT = 200;

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
    @ValueSource(ints = {0, 1, 2})
    void mqtt5_burstOnOneTopic_arrivesInPublishOrder_MQTT_4_6_0_6(int qos) throws Exception {
        String topic = unique("order");
        Mqtt5BlockingClient sub = MqttClients.v5Builder(broker, unique("sub"));
        // a small window makes the server queue QoS 1/2 messages; the HiveMQ client would drop QoS 0 ones above it
        sub.connectWith().restrictions().receiveMaximum(qos == 0 ? 65535 : 3).applyRestrictions().send();
        Mqtt5AsyncClient pub = MqttClients.v5(broker, unique("pub")).toAsync();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.fromCode(qos)).send();
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                sent.add(pub.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(bytes(Integer.toString(i)))
                        .send());
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            List<Integer> received = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                Mqtt5Publish p = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
                received.add(Integer.parseInt(text(p.getPayloadAsBytes())));
            }
            assertThat(received).isSorted().doesNotHaveDuplicates().hasSize(COUNT);
        } finally {
            pub.disconnect().get(10, TimeUnit.SECONDS);
            sub.disconnect();
        }
    }

    /** Second opinion: Paho over MQTT 3.1.1 with many QoS 1 messages in flight at once. */
    @Test
    void mqtt311_paho_burstOnOneTopic_arrivesInPublishOrder_MQTT_4_6_0_6() throws Exception {
        String topic = unique("order-paho");
        MqttClient sub = new MqttClient(broker.tcpUri(), unique("paho-sub"), new MemoryPersistence());
        MqttAsyncClient pub = new MqttAsyncClient(broker.tcpUri(), unique("paho-pub"), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setMaxInflight(COUNT);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try {
            sub.connect(options);
            pub.connect(options).waitForCompletion(10_000);
            sub.subscribe(topic, 1, (IMqttMessageListener) (t, m) -> received.add(text(m.getPayload())));
            for (int i = 0; i < COUNT; i++) {
                pub.publish(topic, bytes(Integer.toString(i)), 1, false);
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                String payload = received.poll(10, TimeUnit.SECONDS);
                assertThat(payload).as("message %d", i).isNotNull();
                order.add(Integer.parseInt(payload));
            }
            assertThat(order).isSorted().doesNotHaveDuplicates().hasSize(COUNT);
        } finally {
            pub.disconnect().waitForCompletion(10_000);
            sub.disconnect();
            pub.close();
            sub.close();
        }
    }
}
