package io.berth.it.interop;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** HiveMQ's MQTT 3.1.1 client: publish and subscribe at every QoS. */
class HiveMqMqtt3IT {

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
    @EnumSource(MqttQos.class)
    void hivemq3_publishAndSubscribe_roundTrip(MqttQos qos) throws Exception {
        String topic = "interop/hivemq3/" + UUID.randomUUID();
        Mqtt3BlockingClient sub = client("sub");
        Mqtt3BlockingClient pub = client("pub");
        sub.connect();
        pub.connect();
        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(sub.subscribeWith().topicFilter(topic).qos(qos).send().getReturnCodes())
                    .containsExactly(Mqtt3SubAckReturnCode.values()[qos.getCode()]);
            pub.publishWith().topic(topic).qos(qos).payload(("hivemq3 " + qos).getBytes(StandardCharsets.UTF_8))
                    .send();

            Mqtt3Publish received = publishes.receive(10, TimeUnit.SECONDS).orElse(null);
            assertThat(received).as("message delivered").isNotNull();
            assertThat(received.getTopic().toString()).isEqualTo(topic);
            assertThat(new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hivemq3 " + qos);
            assertThat(received.getQos()).isEqualTo(qos);
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    private static Mqtt3BlockingClient client(String role) {
        return Mqtt3Client.builder().identifier("hivemq3-" + role + "-" + UUID.randomUUID())
                .serverHost(broker.host()).serverPort(broker.port()).buildBlocking();
    }
}
