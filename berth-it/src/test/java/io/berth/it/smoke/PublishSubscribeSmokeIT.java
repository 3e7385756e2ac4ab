package io.berth.it.smoke;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PublishSubscribeSmokeIT {

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
    void mqtt5_qos1_messageReachesSubscriber() throws Exception {
        Mqtt5BlockingClient sub = Mqtt5Client.builder().identifier("sub").serverHost(broker.host())
                .serverPort(broker.port()).buildBlocking();
        Mqtt5BlockingClient pub = Mqtt5Client.builder().identifier("pub").serverHost(broker.host())
                .serverPort(broker.port()).buildBlocking();
        sub.connect();
        pub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter("smoke/+").qos(MqttQos.AT_LEAST_ONCE).send();
            pub.publishWith().topic("smoke/a").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("hello".getBytes(StandardCharsets.UTF_8)).send();
            Mqtt5Publish received = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(received.getTopic().toString()).isEqualTo("smoke/a");
            assertThat(new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(received.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }
}
