package io.berth.it.publish;

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


import static io.berth.it.publish.MqttClients.assertNoPacket;
import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.publish;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as the receiver of QoS 2 messages (spec 4.3.3): a PUBLISH resent before PUBREL is acknowledged
 * again but not delivered twice (MQTT-4.3.3-10 in MQTT 5, MQTT-4.3.3-2 in 3.1.1), PUBREL is answered with
 * PUBCOMP (MQTT-4.3.3-11), and after PUBCOMP the packet identifier starts a new message (MQTT-4.3.3-12).
 */
class Qos2ExactlyOnceIT {

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
    void duplicatePublishBeforePubRel_isAcknowledgedButDeliveredOnce_MQTT_4_3_3_10(MqttVersion version)
            throws Exception {
        String topic = unique("exactly-once");
        try (RawMqttClient sub = MqttClients.raw(broker, version, unique("sub"));
             RawMqttClient pub = MqttClients.raw(broker, version, unique("pub"))) {
            MqttClients.subscribe(sub, 1, topic, 1);

            pub.send(publish(topic, 2, false, 7, MqttProperties.EMPTY, "once"));
            assertThat(expect(pub, PubRecPacket.class).packetId()).isEqualTo(7);
            pub.send(MqttClients.duplicate(publish(topic, 2, false, 7, MqttProperties.EMPTY, "once")));
            PubRecPacket secondRec = expect(pub, PubRecPacket.class);
            assertThat(secondRec.packetId()).isEqualTo(7);
            assertThat(secondRec.reasonCode().isError()).isFalse();
            pub.send(new PubRelPacket(7));
            PubCompPacket comp = expect(pub, PubCompPacket.class);
            assertThat(comp.packetId()).isEqualTo(7);
            assertThat(comp.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            pub.send(publish(topic, 0, false, 0, MqttProperties.EMPTY, "marker"));

            PublishPacket first = expect(sub, PublishPacket.class);
            assertThat(text(first)).isEqualTo("once");
            sub.send(new PubAckPacket(first.packetId()));
            assertThat(text(expect(sub, PublishPacket.class))).isEqualTo("marker");
            assertNoPacket(sub);
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void packetIdAfterPubComp_startsANewMessage_MQTT_4_3_3_12(MqttVersion version) throws Exception {
        String topic = unique("reuse-id");
        try (RawMqttClient sub = MqttClients.raw(broker, version, unique("sub"));
             RawMqttClient pub = MqttClients.raw(broker, version, unique("pub"))) {
            MqttClients.subscribe(sub, 1, topic, 0);
            for (String payload : new String[] {"first", "second"}) {
                pub.send(publish(topic, 2, false, 9, MqttProperties.EMPTY, payload));
                assertThat(expect(pub, PubRecPacket.class).packetId()).isEqualTo(9);
                pub.send(new PubRelPacket(9));
                assertThat(expect(pub, PubCompPacket.class).packetId()).isEqualTo(9);
            }
            assertThat(text(expect(sub, PublishPacket.class))).isEqualTo("first");
            assertThat(text(expect(sub, PublishPacket.class))).isEqualTo("second");
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void pubRelForUnknownPacketId_isAnsweredWithPubComp_MQTT_4_3_3_11(MqttVersion version) throws Exception {
        try (RawMqttClient pub = MqttClients.raw(broker, version, unique("pub"))) {
            pub.send(new PubRelPacket(4242));
            PubCompPacket comp = expect(pub, PubCompPacket.class);
            assertThat(comp.packetId()).isEqualTo(4242);
            // MQTT 5: 0x92 Packet Identifier not found; MQTT 3.1.1 PUBCOMP has no reason code
            assertThat(comp.reasonCode()).isEqualTo(version.isV5()
                    ? ReasonCode.PACKET_IDENTIFIER_NOT_FOUND : ReasonCode.SUCCESS);
        }
    }

    /**
     * More QoS 2 messages awaiting PUBREL than the server's Receive Maximum (its max_inflight, announced in CONNACK)
     * is refused with DISCONNECT 0x93 (spec 3.3.4: the sender must not exceed it, MQTT-3.3.4-7).
     */
    @Test
    void mqtt5_moreQos2AwaitingPubRelThanTheServersReceiveMaximum_isRefusedWith0x93() throws Exception {
        try (EmbeddedBroker small = EmbeddedBroker.withMqtt(Settings.with("maxInflight", 3));
             RawMqttClient pub = RawMqttClient.connect(small, MqttVersion.MQTT_5)) {
            ConnAckPacket connAck = MqttClients.connect(pub, unique("pub"), true, MqttProperties.EMPTY);
            assertThat(connAck.properties().receiveMaximum()).isEqualTo(3);
            String topic = unique("flood");
            for (int id = 1; id <= 3; id++) {
                pub.send(publish(topic, 2, false, id, MqttProperties.EMPTY, "m" + id));
                assertThat(expect(pub, PubRecPacket.class).packetId()).isEqualTo(id);
            }
            pub.send(publish(topic, 2, false, 4, MqttProperties.EMPTY, "one too many"));
            MqttClients.expectDisconnect(pub, ReasonCode.RECEIVE_MAXIMUM_EXCEEDED);
        }
    }

    /**
     * The server keeps the packet identifiers awaiting PUBREL in the session: after a reconnect with Clean Start 0
     * the client's resent PUBLISH (DUP 1) is acknowledged without a second delivery, and its PUBREL completes
     * normally (MQTT-4.3.3-10, MQTT-4.4.0-1).
     */
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void publishResentAfterReconnect_beforePubRel_isDeliveredOnce_MQTT_4_4_0_1(MqttVersion version) throws Exception {
        String topic = unique("exactly-once-resumed");
        String clientId = unique("pub");
        MqttProperties keepSession = version.isV5()
                ? MqttProperties.builder().sessionExpiryInterval(60L).build() : MqttProperties.EMPTY;
        try (RawMqttClient sub = MqttClients.raw(broker, version, unique("sub"))) {
            MqttClients.subscribe(sub, 1, topic, 0);
            try (RawMqttClient pub = MqttClients.raw(broker, version, clientId, false, keepSession)) {
                pub.send(publish(topic, 2, false, 3, MqttProperties.EMPTY, "once"));
                assertThat(expect(pub, PubRecPacket.class).packetId()).isEqualTo(3);
            }
            try (RawMqttClient pub = RawMqttClient.connect(broker, version)) {
                assertThat(MqttClients.connect(pub, clientId, false, keepSession).sessionPresent()).isTrue();
                pub.send(MqttClients.duplicate(publish(topic, 2, false, 3, MqttProperties.EMPTY, "once")));
                assertThat(expect(pub, PubRecPacket.class).packetId()).isEqualTo(3);
                pub.send(new PubRelPacket(3));
                PubCompPacket comp = expect(pub, PubCompPacket.class);
                assertThat(comp.packetId()).isEqualTo(3);
                assertThat(comp.reasonCode()).as("the identifier was known").isEqualTo(ReasonCode.SUCCESS);
                pub.send(publish(topic, 0, false, 0, MqttProperties.EMPTY, "marker"));
            }
            assertThat(text(expect(sub, PublishPacket.class))).isEqualTo("once");
            assertThat(text(expect(sub, PublishPacket.class))).isEqualTo("marker");
        }
    }
}
