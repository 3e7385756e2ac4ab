package io.berth.it.interop;

import io.berth.testkit.EmbeddedBroker;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Eclipse Paho's MQTT 5 client as a second opinion: publish and subscribe at every QoS. */
class PahoMqttV5IT {

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

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1, 2})
    void paho5_publishAndSubscribe_roundTrip(int qos) throws Exception {
        String topic = "interop/paho5/" + qos + "/" + IDS.incrementAndGet();
        MqttClient sub = connect();
        MqttClient pub = connect();
        try {
            BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
            sub.setCallback(new QueueingCallback(received));
            int[] granted = sub.subscribe(new MqttSubscription[] {new MqttSubscription(topic, qos)})
                    .getGrantedQos();
            assertThat(granted).containsExactly(qos);

            MqttMessage message = new MqttMessage(("paho5 q" + qos).getBytes(StandardCharsets.UTF_8));
            message.setQos(qos);
            MqttProperties properties = new MqttProperties();
            properties.setContentType("text/plain");
            message.setProperties(properties);
            pub.publish(topic, message);

            MqttMessage got = received.poll(10, TimeUnit.SECONDS);
            assertThat(got).as("message delivered").isNotNull();
            assertThat(new String(got.getPayload(), StandardCharsets.UTF_8)).isEqualTo("paho5 q" + qos);
            assertThat(got.getQos()).isEqualTo(qos);
            assertThat(got.getProperties().getContentType()).isEqualTo("text/plain");
        } finally {
            pub.disconnect();
            sub.disconnect();
            pub.close();
            sub.close();
        }
    }

    private static MqttClient connect() throws Exception {
        MqttClient client = new MqttClient(broker.tcpUri(), "paho5-" + IDS.incrementAndGet(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        client.connect(options);
        return client;
    }
}
