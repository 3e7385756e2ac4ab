package io.berth.it.will;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.testkit.EmbeddedBroker;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A HiveMQ MQTT 5 client with a clean session, subscribed with QoS 2 to one topic filter. */
final class Subscriber implements AutoCloseable {

    private final Mqtt5BlockingClient client;
    private final Mqtt5BlockingClient.Mqtt5Publishes publishes;

    private Subscriber(Mqtt5BlockingClient client) {
        this.client = client;
        this.publishes = client.publishes(MqttGlobalPublishFilter.ALL);
    }

    static Subscriber on(EmbeddedBroker broker, String topicFilter) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().serverHost(broker.host()).serverPort(broker.port())
                .buildBlocking();
        Subscriber s = new Subscriber(c);
        c.connect();
        c.subscribeWith().topicFilter(topicFilter).qos(MqttQos.EXACTLY_ONCE).send();
        return s;
    }

    /** The next message, waiting up to 10 s. */
    Mqtt5Publish next() throws InterruptedException {
        return publishes.receive(10, TimeUnit.SECONDS)
                .orElseThrow(() -> new AssertionError("no message within 10 s"));
    }

    /** The next message within the timeout, if any. */
    Optional<Mqtt5Publish> poll(Duration timeout) throws InterruptedException {
        return publishes.receive(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        publishes.close();
        client.disconnect();
    }
}
