package io.berth.it.publish;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.berth.codec.ConnAckPacket;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.berth.it.publish.MqttClients.assertNoPacket;
import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.publishesBeforePingResp;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a reconnect with Clean Start 0 (Clean Session 0 in 3.1.1) the server resends every unacknowledged QoS 1
 * and QoS 2 PUBLISH with its original packet identifier and DUP 1, and PUBREL for a QoS 2 message whose PUBREC
 * it had received (MQTT-4.4.0-1, MQTT-3.3.1-1), in the original order (MQTT-4.6.0-1).
 */
class ResendOnReconnectIT {

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
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void unacknowledgedMessages_areResentWithDupAndOriginalIds_andPubRelForReceivedPubRec_MQTT_4_4_0_1(
            MqttVersion version) throws Exception {
        String topic = unique("resend");
        String clientId = unique("resumer");
        // MQTT 5: the session outlives the connection by its expiry interval; 3.1.1: Clean Session 0
        MqttProperties expiry = version.isV5()
                ? MqttProperties.builder().sessionExpiryInterval(60L).build() : MqttProperties.EMPTY;
        PublishPacket m1;
        PublishPacket m2;
        PublishPacket m3;
        try (RawMqttClient first = MqttClients.raw(broker, version, clientId, false, expiry)) {
            MqttClients.subscribe(first, 1, topic, 2);
            Mqtt5BlockingClient pub = MqttClients.v5(broker, unique("pub"));
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("m1")).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("m2")).send();
            pub.publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE).payload(bytes("m3")).send();
            pub.disconnect();

            m1 = expect(first, PublishPacket.class);
            m2 = expect(first, PublishPacket.class);
            m3 = expect(first, PublishPacket.class);
            assertThat(text(m1)).isEqualTo("m1");
            assertThat(text(m2)).isEqualTo("m2");
            assertThat(text(m3)).isEqualTo("m3");
            assertThat(m1.dup() || m2.dup() || m3.dup()).as("first transmission has DUP 0").isFalse();
            first.send(new PubRecPacket(m3.packetId()));
            assertThat(expect(first, PubRelPacket.class).packetId()).isEqualTo(m3.packetId());
            // the connection drops without PUBACK for m1, m2 and PUBCOMP for m3
        }

        try (RawMqttClient again = RawMqttClient.connect(broker, version)) {
            ConnAckPacket connAck = MqttClients.connect(again, clientId, false, expiry);
            assertThat(connAck.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(connAck.sessionPresent()).isTrue();

            PublishPacket r1 = expect(again, PublishPacket.class);
            PublishPacket r2 = expect(again, PublishPacket.class);
            PubRelPacket rel = expect(again, PubRelPacket.class);
            assertThat(text(r1)).isEqualTo("m1");
            assertThat(r1.dup()).isTrue();
            assertThat(r1.packetId()).isEqualTo(m1.packetId());
            assertThat(r1.qos()).isEqualTo(1);
            assertThat(text(r2)).isEqualTo("m2");
            assertThat(r2.dup()).isTrue();
            assertThat(r2.packetId()).isEqualTo(m2.packetId());
            assertThat(rel.packetId()).isEqualTo(m3.packetId());

            again.send(new PubAckPacket(r1.packetId()));
            again.send(new PubAckPacket(r2.packetId()));
            again.send(new PubCompPacket(rel.packetId()));
            assertThat(publishesBeforePingResp(again)).as("nothing resent after the acknowledgements").isEmpty();
            assertNoPacket(again);
        }
    }

    /** A QoS 2 message resent before PUBREC keeps QoS 2 and its identifier (MQTT-4.4.0-1). */
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void qos2MessageWithoutPubRec_isResentAsPublishWithDup_MQTT_4_4_0_1(MqttVersion version) throws Exception {
        String topic = unique("resend-qos2");
        String clientId = unique("resumer2");
        MqttProperties expiry = version.isV5()
                ? MqttProperties.builder().sessionExpiryInterval(60L).build() : MqttProperties.EMPTY;
        PublishPacket original;
        try (RawMqttClient first = MqttClients.raw(broker, version, clientId, false, expiry)) {
            MqttClients.subscribe(first, 1, topic, 2);
            Mqtt5BlockingClient pub = MqttClients.v5(broker, unique("pub"));
            pub.publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE).payload(bytes("q2")).send();
            pub.disconnect();
            original = expect(first, PublishPacket.class);
            assertThat(original.qos()).isEqualTo(2);
        }
        try (RawMqttClient again = RawMqttClient.connect(broker, version)) {
            assertThat(MqttClients.connect(again, clientId, false, expiry).sessionPresent()).isTrue();
            PublishPacket resent = expect(again, PublishPacket.class);
            assertThat(resent.dup()).isTrue();
            assertThat(resent.qos()).isEqualTo(2);
            assertThat(resent.packetId()).isEqualTo(original.packetId());
            assertThat(text(resent)).isEqualTo("q2");
            again.send(new PubRecPacket(resent.packetId()));
            assertThat(expect(again, PubRelPacket.class).packetId()).isEqualTo(resent.packetId());
            again.send(new PubCompPacket(resent.packetId()));
            assertNoPacket(again);
        }
    }

    /**
     * The Receive Maximum of the new connection also bounds the resent messages: with 4 QoS 1 messages unacknowledged
     * and 2 queued while offline, a reconnect announcing Receive Maximum 2 gets two resent, the others as
     * acknowledgements free slots, then the queued ones (MQTT-3.3.4-9; the send quota is not kept across
     * connections, spec 4.9; order: MQTT-4.6.0-1).
     */
    @Test
    void resentMessages_respectTheNewConnectionsReceiveMaximum_MQTT_3_3_4_9() throws Exception {
        String topic = unique("resend-window");
        String clientId = unique("resumer3");
        MqttProperties first = MqttProperties.builder().sessionExpiryInterval(60L).receiveMaximum(10).build();
        MqttProperties second = MqttProperties.builder().sessionExpiryInterval(60L).receiveMaximum(2).build();
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, clientId, false, first)) {
            MqttClients.subscribe(sub, 1, topic, 1);
            Mqtt5BlockingClient pub = MqttClients.v5(broker, unique("pub"));
            for (int i = 0; i < 4; i++) {
                pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("m" + i)).send();
            }
            pub.disconnect();
            for (int i = 0; i < 4; i++) {
                assertThat(text(expect(sub, PublishPacket.class))).isEqualTo("m" + i);
            }
        }
        MqttClients.awaitSessionOffline(broker, clientId);
        Mqtt5BlockingClient pub = MqttClients.v5(broker, unique("pub"));
        for (int i = 4; i < 6; i++) {
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("m" + i)).send(); // queued
        }
        pub.disconnect();
        try (RawMqttClient again = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            assertThat(MqttClients.connect(again, clientId, false, second).sessionPresent()).isTrue();
            PublishPacket r0 = expect(again, PublishPacket.class);
            PublishPacket r1 = expect(again, PublishPacket.class);
            assertThat(List.of(text(r0), text(r1))).containsExactly("m0", "m1");
            assertThat(r0.dup() && r1.dup()).isTrue();
            assertNoPacket(again);

            again.send(new PubAckPacket(r0.packetId()));
            PublishPacket r2 = expect(again, PublishPacket.class);
            assertThat(text(r2)).isEqualTo("m2");
            assertThat(r2.dup()).as("resent").isTrue();
            assertNoPacket(again);
            again.send(new PubAckPacket(r1.packetId()));
            again.send(new PubAckPacket(r2.packetId()));
            PublishPacket r3 = expect(again, PublishPacket.class);
            assertThat(text(r3)).isEqualTo("m3");
            assertThat(r3.dup()).isTrue();
            again.send(new PubAckPacket(r3.packetId()));
            PublishPacket m4 = expect(again, PublishPacket.class);
            assertThat(text(m4)).as("queued messages after the resent ones").isEqualTo("m4");
            assertThat(m4.dup()).isFalse();
            again.send(new PubAckPacket(m4.packetId()));
            PublishPacket m5 = expect(again, PublishPacket.class);
            assertThat(text(m5)).isEqualTo("m5");
            again.send(new PubAckPacket(m5.packetId()));
            assertNoPacket(again);
        }
    }
}
