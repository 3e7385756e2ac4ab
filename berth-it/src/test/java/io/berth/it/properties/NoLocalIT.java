package io.berth.it.properties;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PublishPacket;
import io.berth.codec.SubscriptionRequest;
import io.berth.it.publish.MqttClients;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.publish;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Local: with the option set, the server does not forward a client's own publications to it (MQTT-3.8.3-3);
 * without it, it does. Other clients' messages still arrive.
 */
class NoLocalIT {

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
    void noLocal_ownMessagesAreNotForwarded_othersAre_MQTT_3_8_3_3() throws Exception {
        String topic = unique("no-local");
        try (RawMqttClient self = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("self"));
             RawMqttClient other = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("other"))) {
            MqttClients.subscribe(self, 1, MqttProperties.EMPTY, new SubscriptionRequest(topic, 1, true, false, 0));
            self.send(publish(topic, 1, false, 2, MqttProperties.EMPTY, "own"));
            assertThat(expect(self, PubAckPacket.class).packetId()).as("routed before the other's message")
                    .isEqualTo(2);
            MqttClients.publishAndComplete(other, publish(topic, 1, false, 1, MqttProperties.EMPTY, "other's"));

            PublishPacket first = expect(self, PublishPacket.class);
            assertThat(text(first)).isEqualTo("other's");
        }
    }

    @Test
    void withoutNoLocal_ownMessagesAreForwarded() throws Exception {
        String topic = unique("local");
        try (RawMqttClient self = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("self"))) {
            MqttClients.subscribe(self, 1, MqttProperties.EMPTY, new SubscriptionRequest(topic, 0, false, false, 0));
            self.send(publish(topic, 0, false, 0, MqttProperties.EMPTY, "own"));
            assertThat(text(expect(self, PublishPacket.class))).isEqualTo("own");
        }
    }

    /** HiveMQ client: No Local on one filter does not hide own messages matched by another filter without it. */
    @Test
    void mqtt5_hivemq_noLocal_MQTT_3_8_3_3() throws Exception {
        String topic = unique("no-local-hive");
        Mqtt5BlockingClient self = MqttClients.v5(broker, unique("self"));
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = self.publishes(MqttGlobalPublishFilter.ALL)) {
            self.subscribeWith().topicFilter(topic + "/+").qos(MqttQos.AT_LEAST_ONCE).noLocal(true).send();
            self.subscribeWith().topicFilter(topic + "/echo").qos(MqttQos.AT_LEAST_ONCE).send();
            self.publishWith().topic(topic + "/quiet").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("hidden")).send();
            self.publishWith().topic(topic + "/echo").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("echoed")).send();
            Mqtt5Publish p = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(text(p.getPayloadAsBytes())).isEqualTo("echoed");
        } finally {
            self.disconnect();
        }
    }
}
