package io.berth.it.properties;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.it.publish.MqttClients;
import io.berth.it.publish.Settings;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static io.berth.it.publish.MqttClients.WAIT;
import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.publish;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Maximum Packet Size both ways. From the client (CONNECT): the server never sends it a larger packet
 * (MQTT-3.1.2-24); such a message is dropped for that client alone, as if it had been delivered
 * (MQTT-3.1.2-25), so it takes no inflight slot, while other subscribers get it. From the server
 * ({@code max_packet_size}, announced in CONNACK): a larger PUBLISH closes the connection, with DISCONNECT 0x95 in
 * MQTT 5.
 */
class MaximumPacketSizeIT {

    private static final int SERVER_MAX = 1024;

    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.withMqtt(Settings.with("maxPacketSize", SERVER_MAX));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void messageLargerThanASubscribersMaximum_isDroppedForItOnly_MQTT_3_1_2_25() throws Exception {
        String topic = unique("too-big");
        Mqtt5BlockingClient small = MqttClients.v5Builder(broker, unique("small"));
        small.connectWith().restrictions().maximumPacketSize(200).applyRestrictions().send();
        Mqtt5BlockingClient large = MqttClients.v5(broker, unique("large"));
        Mqtt5BlockingClient pub = MqttClients.v5(broker, unique("pub"));
        try (Mqtt5BlockingClient.Mqtt5Publishes smallGets = small.publishes(MqttGlobalPublishFilter.ALL);
             Mqtt5BlockingClient.Mqtt5Publishes largeGets = large.publishes(MqttGlobalPublishFilter.ALL)) {
            small.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            large.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("x".repeat(500))).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("small")).send();

            assertThat(largeGets.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes()).hasSize(500);
            assertThat(text(largeGets.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes()))
                    .isEqualTo("small");
            assertThat(text(smallGets.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes()))
                    .as("the large message never reached the limited subscriber").isEqualTo("small");
        } finally {
            pub.disconnect();
            large.disconnect();
            small.disconnect();
        }
    }

    /** The dropped QoS 1 message does not hold one of the client's Receive Maximum slots (MQTT-3.1.2-25). */
    @Test
    void droppedQos1Message_takesNoInflightSlot_MQTT_3_1_2_25() throws Exception {
        String topic = unique("too-big-qos1");
        MqttProperties limits = MqttProperties.builder().maximumPacketSize(200L).receiveMaximum(1).build();
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"), true, limits);
             RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            MqttClients.subscribe(sub, 1, topic, 1);
            MqttClients.publishAndComplete(pub, publish(topic, 1, false, 1, MqttProperties.EMPTY, "x".repeat(500)));
            MqttClients.publishAndComplete(pub, publish(topic, 1, false, 2, MqttProperties.EMPTY, "fits"));
            PublishPacket p = expect(sub, PublishPacket.class);
            assertThat(text(p)).isEqualTo("fits");
            sub.send(new PubAckPacket(p.packetId()));
        }
    }

    @Test
    void mqtt5_publishLargerThanTheServersMaximum_isRefusedWithDisconnect0x95() throws Exception {
        try (RawMqttClient pub = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            ConnAckPacket connAck = MqttClients.connect(pub, unique("pub"), true, MqttProperties.EMPTY);
            assertThat(connAck.properties().maximumPacketSize()).isEqualTo((long) SERVER_MAX);
            pub.send(publish(unique("huge"), 0, false, 0, MqttProperties.EMPTY, "x".repeat(2 * SERVER_MAX)));
            MqttClients.expectDisconnect(pub, ReasonCode.PACKET_TOO_LARGE);
        }
    }

    @Test
    void mqtt311_publishLargerThanTheServersMaximum_closesTheConnection() throws Exception {
        try (RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_3_1_1, unique("pub"))) {
            pub.send(publish(unique("huge"), 0, false, 0, MqttProperties.EMPTY, "x".repeat(2 * SERVER_MAX)));
            assertThat(pub.awaitClosed(WAIT)).isTrue();
        }
    }

    /** A PUBLISH of exactly the server's maximum is accepted. */
    @Test
    void mqtt5_publishOfExactlyTheServersMaximum_isAccepted() throws Exception {
        String topic = unique("exact");
        try (RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            // fixed header 1 + 2 (remaining length < 16384), topic 2 + n, packet id 2, properties length 1
            int payload = SERVER_MAX - 3 - (2 + topic.length()) - 2 - 1;
            MqttClients.publishAndComplete(pub, publish(topic, 1, false, 1, MqttProperties.EMPTY, "x".repeat(payload)));
        }
    }
}
