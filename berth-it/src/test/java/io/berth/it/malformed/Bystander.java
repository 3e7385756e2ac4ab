package io.berth.it.malformed;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.testkit.EmbeddedBroker;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A well-behaved MQTT 5 client connected to the same broker as the misbehaving ones: after each bad client is
 * closed, it proves the broker still serves everyone else with a QoS 1 publish/receive round trip.
 */
final class Bystander implements AutoCloseable {

    private final Mqtt5BlockingClient client;
    private final Mqtt5BlockingClient.Mqtt5Publishes publishes;
    private final String topic;
    private int round;

    private Bystander(Mqtt5BlockingClient client, Mqtt5BlockingClient.Mqtt5Publishes publishes, String topic) {
        this.client = client;
        this.publishes = publishes;
        this.topic = topic;
    }

    static Bystander connect(EmbeddedBroker broker) {
        String id = "bystander-" + UUID.randomUUID();
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(id).serverHost(broker.host())
                .serverPort(broker.port()).buildBlocking();
        client.connect();
        Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL);
        String topic = "bystander/" + id;
        client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        return new Bystander(client, publishes, topic);
    }

    /** Publishes a fresh QoS 1 message to itself and asserts that it comes back. */
    void assertStillServed() throws InterruptedException {
        String payload = "round-" + (++round);
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
        Mqtt5Publish received = publishes.receive(10, TimeUnit.SECONDS).orElse(null);
        assertThat(received).as("the bystander's own message came back").isNotNull();
        assertThat(new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo(payload);
        assertThat(client.getState().isConnected()).isTrue();
    }

    @Override
    public void close() {
        publishes.close();
        client.disconnect();
    }
}
