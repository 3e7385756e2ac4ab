package io.berth.it.durability;

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
import io.berth.it.publish.MqttClients;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.berth.it.publish.MqttClients.assertNoPacket;
import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.publishesBeforePingResp;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * State kept in the durable store survives a broker restart (a clean stop, then a new broker on the same store):
 * retained messages, persistent sessions with their subscriptions, queued messages, inflight messages (resent with
 * DUP and their packet identifiers, MQTT-4.4.0-1) and QoS 2 state in both directions; non-persistent sessions and
 * durability off leave nothing behind.
 */
class RestartIT {

    @TempDir
    Path storeDir;

    private EmbeddedBroker broker() {
        return EmbeddedBroker.start(c -> c.withDurability(c.durability().withDir(storeDir)));
    }

    private static MqttProperties expiry(MqttVersion version, long seconds) {
        return version.isV5() ? MqttProperties.builder().sessionExpiryInterval(seconds).build() : MqttProperties.EMPTY;
    }

    @Test
    void retainedMessages_areServedAfterRestart_MQTT_3_3_1_5() throws Exception {
        String topic = unique("retained");
        try (EmbeddedBroker first = broker()) {
            Mqtt5BlockingClient pub = MqttClients.v5(first, unique("pub"));
            pub.publishWith().topic(topic + "/a").qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("A")).send();
            pub.publishWith().topic(topic + "/b").qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("B")).send();
            pub.publishWith().topic(topic + "/b").qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("B2")).send();
            pub.publishWith().topic(topic + "/c").qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("C")).send();
            pub.publishWith().topic(topic + "/c").qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(new byte[0]).send();
            pub.disconnect();
        }
        try (EmbeddedBroker second = broker();
             RawMqttClient sub = MqttClients.raw(second, MqttVersion.MQTT_5, unique("sub"))) {
            MqttClients.subscribe(sub, 1, topic + "/#", 1);
            List<String> got = new ArrayList<>();
            for (PublishPacket p : publishesBeforePingResp(sub)) {
                assertThat(p.retain()).isTrue();
                got.add(p.topic() + "=" + text(p));
                if (p.qos() == 1) {
                    sub.send(new PubAckPacket(p.packetId()));
                }
            }
            assertThat(got).containsExactlyInAnyOrder(topic + "/a=A", topic + "/b=B2");
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void persistentSession_keepsSubscriptionsAndQueuedMessagesAcrossRestart_MQTT_3_1_2_4(MqttVersion version)
            throws Exception {
        String topic = unique("queued");
        String clientId = unique("durable");
        try (EmbeddedBroker first = broker()) {
            try (RawMqttClient sub = MqttClients.raw(first, version, clientId, false, expiry(version, 300))) {
                MqttClients.subscribe(sub, 1, topic, 2);
            }
            MqttClients.awaitSessionOffline(first, clientId);
            Mqtt5BlockingClient pub = MqttClients.v5(first, unique("pub"));
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("q1")).send();
            pub.publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE).payload(bytes("q2")).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_MOST_ONCE).payload(bytes("q0")).send();
            pub.disconnect();
        }
        try (EmbeddedBroker second = broker()) {
            try (RawMqttClient again = RawMqttClient.connect(second, version)) {
                ConnAckPacket connAck = MqttClients.connect(again, clientId, false, expiry(version, 300));
                assertThat(connAck.sessionPresent()).isTrue();
                PublishPacket m1 = expect(again, PublishPacket.class);
                PublishPacket m2 = expect(again, PublishPacket.class);
                assertThat(text(m1)).isEqualTo("q1");
                assertThat(m1.qos()).isEqualTo(1);
                assertThat(text(m2)).isEqualTo("q2");
                assertThat(m2.qos()).isEqualTo(2);
                again.send(new PubAckPacket(m1.packetId()));
                again.send(new PubRecPacket(m2.packetId()));
                assertThat(expect(again, PubRelPacket.class).packetId()).isEqualTo(m2.packetId());
                again.send(new PubCompPacket(m2.packetId()));
                // the subscription itself came back: a new message is delivered
                Mqtt5BlockingClient pub = MqttClients.v5(second, unique("pub"));
                pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("after")).send();
                pub.disconnect();
                PublishPacket after = expect(again, PublishPacket.class);
                assertThat(text(after)).isEqualTo("after");
                again.send(new PubAckPacket(after.packetId()));
            }
        }
        try (EmbeddedBroker third = broker();
             RawMqttClient again = RawMqttClient.connect(third, version)) {
            assertThat(MqttClients.connect(again, clientId, false, expiry(version, 300)).sessionPresent()).isTrue();
            assertThat(publishesBeforePingResp(again)).as("acknowledged messages are not stored").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void inflightMessages_areResentWithDupAndPubRelAfterRestart_MQTT_4_4_0_1(MqttVersion version) throws Exception {
        String topic = unique("inflight");
        String clientId = unique("resumer");
        PublishPacket m1;
        PublishPacket m2;
        try (EmbeddedBroker first = broker()) {
            try (RawMqttClient sub = MqttClients.raw(first, version, clientId, false, expiry(version, 300))) {
                MqttClients.subscribe(sub, 1, topic, 2);
                Mqtt5BlockingClient pub = MqttClients.v5(first, unique("pub"));
                pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("m1")).send();
                pub.publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE).payload(bytes("m2")).send();
                pub.disconnect();
                m1 = expect(sub, PublishPacket.class);
                m2 = expect(sub, PublishPacket.class);
                sub.send(new PubRecPacket(m2.packetId()));
                assertThat(expect(sub, PubRelPacket.class).packetId()).isEqualTo(m2.packetId());
                // no PUBACK for m1, no PUBCOMP for m2: the broker stops with both in flight
            }
        }
        try (EmbeddedBroker second = broker();
             RawMqttClient again = RawMqttClient.connect(second, version)) {
            assertThat(MqttClients.connect(again, clientId, false, expiry(version, 300)).sessionPresent()).isTrue();
            PublishPacket r1 = expect(again, PublishPacket.class);
            PubRelPacket rel = expect(again, PubRelPacket.class);
            assertThat(text(r1)).isEqualTo("m1");
            assertThat(r1.dup()).isTrue();
            assertThat(r1.packetId()).isEqualTo(m1.packetId());
            assertThat(rel.packetId()).isEqualTo(m2.packetId());
            again.send(new PubAckPacket(r1.packetId()));
            again.send(new PubCompPacket(rel.packetId()));
            assertThat(publishesBeforePingResp(again)).isEmpty();
            assertNoPacket(again);
        }
    }

    /** A QoS 2 PUBLISH received before the restart is not delivered again when the client resends it after. */
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void inboundQos2_awaitingPubRel_isNotDeliveredTwiceAfterRestart_MQTT_4_3_3_2(MqttVersion version)
            throws Exception {
        String topic = unique("in-qos2");
        String publisherId = unique("publisher");
        String subscriberId = unique("subscriber");
        try (EmbeddedBroker first = broker()) {
            try (RawMqttClient sub = MqttClients.raw(first, MqttVersion.MQTT_5, subscriberId, false,
                    expiry(MqttVersion.MQTT_5, 300));
                 RawMqttClient pub = MqttClients.raw(first, version, publisherId, false, expiry(version, 300))) {
                MqttClients.subscribe(sub, 1, topic, 1);
                pub.send(MqttClients.publish(topic, 2, false, 7, MqttProperties.EMPTY, "once"));
                assertThat(expect(pub, PubRecPacket.class).packetId()).isEqualTo(7);
                PublishPacket got = expect(sub, PublishPacket.class);
                assertThat(text(got)).isEqualTo("once");
                sub.send(new PubAckPacket(got.packetId()));
                assertThat(publishesBeforePingResp(sub)).isEmpty();
            }
        }
        try (EmbeddedBroker second = broker();
             RawMqttClient sub = RawMqttClient.connect(second, MqttVersion.MQTT_5);
             RawMqttClient pub = RawMqttClient.connect(second, version)) {
            assertThat(MqttClients.connect(sub, subscriberId, false, expiry(MqttVersion.MQTT_5, 300))
                    .sessionPresent()).isTrue();
            assertThat(MqttClients.connect(pub, publisherId, false, expiry(version, 300)).sessionPresent()).isTrue();
            pub.send(MqttClients.duplicate(MqttClients.publish(topic, 2, false, 7, MqttProperties.EMPTY, "once")));
            assertThat(expect(pub, PubRecPacket.class).packetId()).isEqualTo(7);
            pub.send(new PubRelPacket(7));
            assertThat(expect(pub, PubCompPacket.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(publishesBeforePingResp(sub)).as("the resent QoS 2 message is not delivered again").isEmpty();
        }
    }

    /** Session expiry continues while the broker is stopped: an expired session is dropped at start-up. */
    @Test
    void sessionThatExpiredWhileTheBrokerWasStopped_isGoneAfterRestart_MQTT_3_1_2_23() throws Exception {
        String expiring = unique("expiring");
        String lasting = unique("lasting");
        try (EmbeddedBroker first = broker()) {
            try (RawMqttClient c = MqttClients.raw(first, MqttVersion.MQTT_5, expiring, false,
                    expiry(MqttVersion.MQTT_5, 1))) {
                MqttClients.subscribe(c, 1, unique("t"), 1);
            }
            try (RawMqttClient c = MqttClients.raw(first, MqttVersion.MQTT_5, lasting, false,
                    expiry(MqttVersion.MQTT_5, 300))) {
                MqttClients.subscribe(c, 1, unique("t"), 1);
            }
            MqttClients.awaitSessionOffline(first, expiring);
        }
        long stoppedAt = System.currentTimeMillis();
        // the expiry interval (1 s) passes while no broker runs
        await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > stoppedAt + 1_200);
        try (EmbeddedBroker second = broker()) {
            assertThat(second.broker().context().sessions().get(expiring)).as("expired at start-up").isNull();
            try (RawMqttClient again = RawMqttClient.connect(second, MqttVersion.MQTT_5)) {
                assertThat(MqttClients.connect(again, lasting, false, expiry(MqttVersion.MQTT_5, 300))
                        .sessionPresent()).isTrue();
            }
        }
    }

    @Test
    void nonPersistentSession_isGoneAfterRestart_MQTT_3_1_2_6() throws Exception {
        String clientId = unique("clean");
        try (EmbeddedBroker first = broker()) {
            try (RawMqttClient c = MqttClients.raw(first, MqttVersion.MQTT_5, clientId, false, MqttProperties.EMPTY)) {
                MqttClients.subscribe(c, 1, unique("t"), 1);
            }
        }
        try (EmbeddedBroker second = broker();
             RawMqttClient again = RawMqttClient.connect(second, MqttVersion.MQTT_5)) {
            assertThat(MqttClients.connect(again, clientId, false, MqttProperties.EMPTY).sessionPresent()).isFalse();
        }
    }

    @Test
    void durabilityOff_keepsNothingAcrossRestart() throws Exception {
        String clientId = unique("memory");
        String topic = unique("memory-retained");
        try (EmbeddedBroker first = EmbeddedBroker.start(c -> c.withDurability(
                c.durability().withDir(storeDir).withEnabled(false)))) {
            try (RawMqttClient c = MqttClients.raw(first, MqttVersion.MQTT_5, clientId, false,
                    expiry(MqttVersion.MQTT_5, 300))) {
                MqttClients.subscribe(c, 1, topic, 1);
                MqttClients.publishAndComplete(c, MqttClients.publish(topic + "/r", 1, true, 2,
                        MqttProperties.EMPTY, "kept?"));
            }
        }
        try (EmbeddedBroker second = broker();
             RawMqttClient again = RawMqttClient.connect(second, MqttVersion.MQTT_5)) {
            assertThat(MqttClients.connect(again, clientId, false, expiry(MqttVersion.MQTT_5, 300))
                    .sessionPresent()).isFalse();
            MqttClients.subscribe(again, 1, topic + "/#", 1);
            assertThat(publishesBeforePingResp(again)).isEmpty();
        }
    }
}
