package io.berth.it.publish;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PubCompPacket;
import io.berth.codec.PubRecPacket;
import io.berth.codec.PubRelPacket;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static io.berth.it.publish.MqttClients.assertNoPacket;
import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbound inflight window: the server never has more unacknowledged QoS 1 and QoS 2 PUBLISH packets out to
 * a client than the client's Receive Maximum (MQTT-3.3.4-9; the brief's MQTT-3.3.4-7 is the client-side twin),
 * and sends the rest as acknowledgements free slots. MQTT 3.1.1 clients get the broker's {@code max_inflight}.
 */
class InflightWindowIT {

    static EmbeddedBroker broker;
    /** max_inflight 2: the window for MQTT 3.1.1 clients. */
    static EmbeddedBroker smallInflight;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start();
        smallInflight = EmbeddedBroker.withMqtt(Settings.with("maxInflight", 2));
    }

    @AfterAll
    static void stop() {
        broker.close();
        smallInflight.close();
    }

    @Test
    void mqtt5_receiveMaximum2_onlyTwoQos1MessagesInFlightUntilAcked_MQTT_3_3_4_9() throws Exception {
        String topic = unique("window5");
        MqttProperties receiveMax2 = MqttProperties.builder().receiveMaximum(2).build();
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"), true, receiveMax2)) {
            MqttClients.subscribe(sub, 1, topic, 1);
            publishQos(broker, topic, 1, 5);
            assertWindowOfTwo(sub);
        }
    }

    @Test
    void mqtt311_maxInflight2_onlyTwoQos1MessagesInFlightUntilAcked() throws Exception {
        String topic = unique("window3");
        try (RawMqttClient sub = MqttClients.raw(smallInflight, MqttVersion.MQTT_3_1_1, unique("sub"))) {
            MqttClients.subscribe(sub, 1, topic, 1);
            publishQos(smallInflight, topic, 1, 5);
            assertWindowOfTwo(sub);
        }
    }

    /** A QoS 2 message holds its slot until PUBCOMP, not PUBREC (MQTT-3.3.4-9). */
    @Test
    void mqtt5_qos2MessageHoldsItsSlotUntilPubComp_MQTT_3_3_4_9() throws Exception {
        String topic = unique("window-qos2");
        MqttProperties receiveMax1 = MqttProperties.builder().receiveMaximum(1).build();
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"), true, receiveMax1)) {
            MqttClients.subscribe(sub, 1, topic, 2);
            publishQos(broker, topic, 2, 2);

            PublishPacket m0 = expect(sub, PublishPacket.class);
            assertThat(text(m0)).isEqualTo("m0");
            sub.send(new PubRecPacket(m0.packetId()));
            assertThat(expect(sub, PubRelPacket.class).packetId()).isEqualTo(m0.packetId());
            assertNoPacket(sub);
            sub.send(new PubCompPacket(m0.packetId()));
            PublishPacket m1 = expect(sub, PublishPacket.class);
            assertThat(text(m1)).isEqualTo("m1");
        }
    }

    /** PUBREC with a reason code of 0x80 or more ends the exchange and frees the slot (MQTT-3.3.4-9, 4.3.3). */
    @Test
    void mqtt5_pubRecWithErrorCode_freesTheSlotWithoutPubRel_MQTT_3_3_4_9() throws Exception {
        String topic = unique("window-pubrec-error");
        MqttProperties receiveMax1 = MqttProperties.builder().receiveMaximum(1).build();
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"), true, receiveMax1)) {
            MqttClients.subscribe(sub, 1, topic, 2);
            publishQos(broker, topic, 2, 2);

            PublishPacket m0 = expect(sub, PublishPacket.class);
            sub.send(new PubRecPacket(m0.packetId(), ReasonCode.UNSPECIFIED_ERROR, MqttProperties.EMPTY));
            PublishPacket m1 = expect(sub, PublishPacket.class);
            assertThat(text(m1)).isEqualTo("m1");
        }
    }

    /** Publishes m0..m(n-1) at {@code qos} and waits for each acknowledgement. */
    private static void publishQos(EmbeddedBroker target, String topic, int qos, int count) {
        Mqtt5BlockingClient pub = MqttClients.v5(target, unique("pub"));
        try {
            for (int i = 0; i < count; i++) {
                pub.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(bytes("m" + i)).send();
            }
        } finally {
            pub.disconnect();
        }
    }

    /** m0..m4 were published at QoS 1: two arrive, then one more per PUBACK, in order. */
    private static void assertWindowOfTwo(RawMqttClient sub) throws IOException {
        PublishPacket m0 = expect(sub, PublishPacket.class);
        PublishPacket m1 = expect(sub, PublishPacket.class);
        assertThat(text(m0)).isEqualTo("m0");
        assertThat(text(m1)).isEqualTo("m1");
        assertNoPacket(sub);

        sub.send(new PubAckPacket(m0.packetId()));
        PublishPacket m2 = expect(sub, PublishPacket.class);
        assertThat(text(m2)).isEqualTo("m2");
        assertNoPacket(sub);

        sub.send(new PubAckPacket(m1.packetId()));
        sub.send(new PubAckPacket(m2.packetId()));
        PublishPacket m3 = expect(sub, PublishPacket.class);
        PublishPacket m4 = expect(sub, PublishPacket.class);
        assertThat(text(m3)).isEqualTo("m3");
        assertThat(text(m4)).isEqualTo("m4");
        sub.send(new PubAckPacket(m3.packetId()));
        sub.send(new PubAckPacket(m4.packetId()));
        assertNoPacket(sub);
    }
}
