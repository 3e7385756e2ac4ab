package io.berth.it.properties;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PublishPacket;
import io.berth.codec.UserProperty;
import io.berth.it.publish.MqttClients;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.publish;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties the server forwards unaltered to every subscriber: Payload Format Indicator (MQTT-3.3.2-4), Response
 * Topic (MQTT-3.3.2-15), Correlation Data (MQTT-3.3.2-16), User Properties in their order, duplicates included
 * (MQTT-3.3.2-17, MQTT-3.3.2-18), Content Type (MQTT-3.3.2-20); shown by a request/response exchange.
 */
class ForwardedPropertiesIT {

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
    void requestResponse_propertiesArriveUnaltered_MQTT_3_3_2_4_15_16_20() throws Exception {
        String requests = unique("requests");
        String replies = unique("replies");
        byte[] correlation = {0, 1, 2, (byte) 0xFF, 42};
        Mqtt5BlockingClient requester = MqttClients.v5(broker, unique("requester"));
        Mqtt5BlockingClient responder = MqttClients.v5(broker, unique("responder"));
        try (Mqtt5BlockingClient.Mqtt5Publishes requesterGets = requester.publishes(MqttGlobalPublishFilter.ALL);
             Mqtt5BlockingClient.Mqtt5Publishes responderGets = responder.publishes(MqttGlobalPublishFilter.ALL)) {
            requester.subscribeWith().topicFilter(replies).qos(MqttQos.AT_LEAST_ONCE).send();
            responder.subscribeWith().topicFilter(requests).qos(MqttQos.AT_LEAST_ONCE).send();

            requester.publishWith().topic(requests).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("{\"q\":1}"))
                    .responseTopic(replies).correlationData(correlation).contentType("application/json")
                    .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8).send();

            Mqtt5Publish request = responderGets.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(request.getResponseTopic()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo(replies));
            assertThat(request.getCorrelationData()).hasValueSatisfying(c -> assertThat(toBytes(c))
                    .isEqualTo(correlation));
            assertThat(request.getContentType()).hasValueSatisfying(c -> assertThat(c.toString())
                    .isEqualTo("application/json"));
            assertThat(request.getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);

            responder.publishWith().topic(request.getResponseTopic().orElseThrow()).qos(MqttQos.AT_LEAST_ONCE)
                    .correlationData(request.getCorrelationData().orElseThrow()).payload(bytes("{\"a\":2}")).send();

            Mqtt5Publish reply = requesterGets.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(text(reply.getPayloadAsBytes())).isEqualTo("{\"a\":2}");
            assertThat(reply.getCorrelationData()).hasValueSatisfying(c -> assertThat(toBytes(c))
                    .isEqualTo(correlation));
            assertThat(reply.getContentType()).isEmpty();
            assertThat(reply.getResponseTopic()).isEmpty();
            assertThat(reply.getPayloadFormatIndicator()).as("nothing the responder did not send").isEmpty();
        } finally {
            requester.disconnect();
            responder.disconnect();
        }
    }

    @Test
    void userProperties_keepTheirOrderAndDuplicates_MQTT_3_3_2_17_MQTT_3_3_2_18() throws Exception {
        String topic = unique("user-props");
        Mqtt5UserProperties sent = Mqtt5UserProperties.builder().add("b", "2").add("a", "1").add("b", "2")
                .add("a", "3").add("ünïcödé", "✓").add("empty", "").build();
        Mqtt5BlockingClient sub1 = MqttClients.v5(broker, unique("sub1"));
        Mqtt5BlockingClient sub2 = MqttClients.v5(broker, unique("sub2"));
        Mqtt5BlockingClient pub = MqttClients.v5(broker, unique("pub"));
        try (Mqtt5BlockingClient.Mqtt5Publishes got1 = sub1.publishes(MqttGlobalPublishFilter.ALL);
             Mqtt5BlockingClient.Mqtt5Publishes got2 = sub2.publishes(MqttGlobalPublishFilter.ALL)) {
            sub1.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            sub2.subscribeWith().topicFilter(topic).qos(MqttQos.AT_MOST_ONCE).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).userProperties(sent).payload(bytes("x")).send();
            assertThat(got1.receive(10, TimeUnit.SECONDS).orElseThrow().getUserProperties().asList())
                    .isEqualTo(sent.asList());
            assertThat(got2.receive(10, TimeUnit.SECONDS).orElseThrow().getUserProperties().asList())
                    .isEqualTo(sent.asList());
        } finally {
            pub.disconnect();
            sub1.disconnect();
            sub2.disconnect();
        }
    }

    /** Raw bytes view: the forwarded PUBLISH carries exactly the user properties sent, and no topic alias. */
    @Test
    void raw_userPropertiesAndCorrelationData_areForwardedByteForByte() throws Exception {
        String topic = unique("raw-props");
        MqttProperties props = MqttProperties.builder().addUserProperty("k", "v1").addUserProperty("k", "v0")
                .correlationData(new byte[] {9, 8, 7}).responseTopic(topic + "/reply").contentType("text/plain")
                .payloadFormatIndicator(1).build();
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"));
             RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            MqttClients.subscribe(sub, 1, topic, 0);
            pub.send(publish(topic, 0, false, 0, props, "raw"));
            PublishPacket p = expect(sub, PublishPacket.class);
            assertThat(p.properties().userProperties()).containsExactly(new UserProperty("k", "v1"),
                    new UserProperty("k", "v0"));
            assertThat(p.properties().correlationData()).containsExactly(9, 8, 7);
            assertThat(p.properties().responseTopic()).isEqualTo(topic + "/reply");
            assertThat(p.properties().contentType()).isEqualTo("text/plain");
            assertThat(p.properties().payloadFormatIndicator()).isEqualTo(1);
        }
    }

    /** Second opinion: Paho MQTT 5 reads back the same properties. */
    @Test
    void paho_propertiesArriveUnaltered() throws Exception {
        String topic = unique("paho-props");
        MqttClient sub = new MqttClient(broker.tcpUri(), unique("paho-sub"), new MemoryPersistence());
        MqttClient pub = new MqttClient(broker.tcpUri(), unique("paho-pub"), new MemoryPersistence());
        BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
        try {
            sub.connect();
            pub.connect();
            // Paho 1.2.5's MqttClient.subscribe(topic, qos, listener) recurses forever: use the client callback
            sub.setCallback(PahoCallback.onMessage((t, m) -> received.add(m)));
            sub.subscribe(topic, 1);
            org.eclipse.paho.mqttv5.common.packet.MqttProperties props =
                    new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
            props.setUserProperties(List.of(new org.eclipse.paho.mqttv5.common.packet.UserProperty("z", "1"),
                    new org.eclipse.paho.mqttv5.common.packet.UserProperty("a", "2")));
            props.setResponseTopic(topic + "/r");
            props.setCorrelationData(bytes("corr"));
            props.setContentType("text/csv");
            props.setPayloadFormat(true);
            MqttMessage m = new MqttMessage(bytes("a,b"), 1, false, props);
            pub.publish(topic, m);
            MqttMessage got = received.poll(10, TimeUnit.SECONDS);
            assertThat(got).isNotNull();
            assertThat(got.getProperties().getUserProperties()).extracting(u -> u.getKey() + "=" + u.getValue())
                    .containsExactly("z=1", "a=2");
            assertThat(got.getProperties().getResponseTopic()).isEqualTo(topic + "/r");
            assertThat(got.getProperties().getCorrelationData()).isEqualTo(bytes("corr"));
            assertThat(got.getProperties().getContentType()).isEqualTo("text/csv");
            assertThat(got.getProperties().getPayloadFormat()).isTrue();
        } finally {
            pub.disconnect();
            sub.disconnect();
            pub.close();
            sub.close();
        }
    }

    private static byte[] toBytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }
}
