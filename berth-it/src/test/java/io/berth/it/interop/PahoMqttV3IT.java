package io.berth.it.interop;

import io.berth.testkit.EmbeddedBroker;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eclipse Paho's MQTT 3 client as a second opinion, in MQTT 3.1.1 and in MQTT 3.1 (protocol name "MQIsdp",
 * level 3), publishing and subscribing at every QoS.
 */
class PahoMqttV3IT {

    static final AtomicInteger IDS = new AtomicInteger();

    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static Stream<Arguments> versionsAndQos() {
        return Stream.of(MqttConnectOptions.MQTT_VERSION_3_1_1, MqttConnectOptions.MQTT_VERSION_3_1)
                .flatMap(v -> Stream.of(0, 1, 2).map(q -> Arguments.of(v == 4 ? "3.1.1" : "3.1", v, q)));
    }

    @ParameterizedTest(name = "MQTT {0} QoS {2}")
    @MethodSource("versionsAndQos")
    void paho_publishAndSubscribe_roundTrip(String name, int mqttVersion, int qos) throws Exception {
        String topic = "interop/paho3/" + name + "/" + qos + "/" + IDS.incrementAndGet();
        MqttClient sub = connect(mqttVersion);
        MqttClient pub = connect(mqttVersion);
        try {
            BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
            // subscribeWithResponse waits for SUBACK; the listener gets what matches
            int[] granted = sub.subscribeWithResponse(topic, qos, (t, m) -> received.add(m)).getGrantedQos();
            assertThat(granted).containsExactly(qos);

            pub.publish(topic, ("paho " + name + " q" + qos).getBytes(StandardCharsets.UTF_8), qos, false);

            MqttMessage message = received.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("message delivered").isNotNull();
            assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("paho " + name + " q" + qos);
            assertThat(message.getQos()).isEqualTo(qos);
            assertThat(message.isRetained()).isFalse();
        } finally {
            pub.disconnect();
            sub.disconnect();
            pub.close();
            sub.close();
        }
    }

    private static MqttClient connect(int mqttVersion) throws Exception {
        // MQTT 3.1 limits client identifiers to 23 characters (MQTT 3.1 spec, CONNECT payload)
        MqttClient client = new MqttClient(broker.tcpUri(), "paho3-" + mqttVersion + "-" + IDS.incrementAndGet(),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(mqttVersion);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        client.connect(options);
        return client;
    }
}
