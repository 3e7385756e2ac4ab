package io.berth.it.retain;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
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
 * The RETAIN flag on messages forwarded to an established subscription: MQTT 5 keeps it with Retain As Published 1
 * (MQTT-3.3.1-13) and clears it with 0 (MQTT-3.3.1-12); MQTT 3.1.1 always clears it (MQTT-3.3.1-9 in 3.1.1).
 */
class RetainAsPublishedIT {

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
    void mqtt5_retainAsPublished1_keepsTheFlag_0_clearsIt_MQTT_3_3_1_12_MQTT_3_3_1_13() throws Exception {
        String topic = unique("rap");
        try (RawMqttClient keep = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("rap1"));
             RawMqttClient clear = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("rap0"));
             RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            MqttClients.subscribe(keep, 1, MqttProperties.EMPTY, new SubscriptionRequest(topic, 0, false, true, 0));
            MqttClients.subscribe(clear, 1, MqttProperties.EMPTY, new SubscriptionRequest(topic, 0, false, false, 0));
            pub.send(publish(topic, 0, true, 0, MqttProperties.EMPTY, "retained live"));
            pub.send(publish(topic, 0, false, 0, MqttProperties.EMPTY, "plain live"));

            PublishPacket kept = expect(keep, PublishPacket.class);
            assertThat(text(kept)).isEqualTo("retained live");
            assertThat(kept.retain()).as("RAP 1 keeps RETAIN 1").isTrue();
            PublishPacket keptPlain = expect(keep, PublishPacket.class);
            assertThat(text(keptPlain)).isEqualTo("plain live");
            assertThat(keptPlain.retain()).as("RAP 1 keeps RETAIN 0").isFalse();

            PublishPacket cleared = expect(clear, PublishPacket.class);
            assertThat(text(cleared)).isEqualTo("retained live");
            assertThat(cleared.retain()).as("RAP 0 clears RETAIN").isFalse();
        }
    }

    @Test
    void mqtt5_hivemq_retainAsPublished_keepsTheFlag_MQTT_3_3_1_13() throws Exception {
        String topic = unique("rap-hive");
        Mqtt5BlockingClient sub = MqttClients.v5(broker, unique("sub"));
        Mqtt5BlockingClient pub = MqttClients.v5(broker, unique("pub"));
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).retainAsPublished(true).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("rap")).send();
            Mqtt5Publish p = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(p.isRetain()).isTrue();
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    @Test
    void mqtt311_liveForwardOfARetainedPublish_clearsTheFlag_MQTT_3_3_1_9() throws Exception {
        String topic = unique("live3");
        Mqtt3BlockingClient sub = MqttClients.v3(broker, unique("sub"));
        Mqtt3BlockingClient pub = MqttClients.v3(broker, unique("pub"));
        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("live")).send();
            Mqtt3Publish p = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(text(p.getPayloadAsBytes())).isEqualTo("live");
            assertThat(p.isRetain()).isFalse();
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }
}
