package io.berth.it.durability;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PubRecPacket;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.core.alarm.AlarmRegistry;
import io.berth.it.publish.MqttClients;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A durable store that reaches durability.max_disk_usage refuses new messages that it would have to store: an MQTT 5
 * publisher gets PUBACK / PUBREC 0x97 (quota exceeded), an MQTT 3.1.1 publisher is disconnected (it has no negative
 * acknowledgement), the alarm store_full is raised, the broker keeps running; once the queued messages are consumed
 * the store is compacted below the limit, the alarm clears and messages are accepted again.
 */
class StoreFullIT {

    private static final long LIMIT = 2L * 1024 * 1024;
    private static final int PAYLOAD = 64 * 1024;

    @TempDir
    Path storeDir;

    private static PublishPacket big(String topic, int qos, int packetId) {
        return new PublishPacket(topic, qos, false, false, packetId, MqttProperties.EMPTY,
                Unpooled.wrappedBuffer(new byte[PAYLOAD]));
    }

    @Test
    void fullStore_refusesPersistentMessagesWith0x97_raisesStoreFull_andAcceptsAgainWhenSpaceReturns()
            throws Exception {
        String topic = unique("full/topic");
        String subscriber = unique("full-sub");
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withDurability(c.durability().withDir(storeDir)
                .withDiskLimits(LIMIT, 0)))) {
            AlarmRegistry alarms = broker.broker().protection().alarms();
            Mqtt5AsyncClient sub = Mqtt5Client.builder().identifier(subscriber).serverHost(broker.host())
                    .serverPort(broker.port()).buildAsync();
            sub.connectWith().cleanStart(true).sessionExpiryInterval(300).send().get(10, TimeUnit.SECONDS);
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send().get(10, TimeUnit.SECONDS);
            sub.disconnect().get(10, TimeUnit.SECONDS);

            int accepted = 0;
            try (RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("full-pub"))) {
                ReasonCode last = ReasonCode.SUCCESS;
                // the store's size is measured every second (DiskLimits.checkInterval): publish until a check has
                // seen it over the limit, however fast the machine writes
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                for (int i = 1; i <= 60_000 && last == ReasonCode.SUCCESS && System.nanoTime() < deadline; i++) {
                    pub.send(big(topic, 1, i));
                    PubAckPacket ack = expect(pub, PubAckPacket.class);
                    assertThat(ack.packetId()).isEqualTo(i);
                    last = ack.reasonCode();
                    if (last == ReasonCode.SUCCESS) {
                        accepted++;
                    }
                }
                assertThat(last).as("a full store refuses with quota exceeded").isEqualTo(ReasonCode.QUOTA_EXCEEDED);
                assertThat(accepted).as("some messages were stored before the limit").isGreaterThan(10);
                await().atMost(Duration.ofSeconds(10)).until(() -> alarms.isActive("store_full"));

                pub.send(big(topic, 2, 500)); // QoS 2: PUBREC 0x97 ends the exchange
                PubRecPacket rec = expect(pub, PubRecPacket.class);
                assertThat(rec.reasonCode()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
            }
            try (RawMqttClient v3 = MqttClients.raw(broker, MqttVersion.MQTT_3_1_1, unique("full-v3"))) {
                v3.send(big(topic, 1, 1));
                assertThat(v3.awaitClosed(Duration.ofSeconds(10)))
                        .as("an MQTT 3.1.1 publisher cannot be told: disconnected").isTrue();
            }

            // the subscriber consumes its queue: the deletions are compacted away and the store is below the limit
            AtomicInteger received = new AtomicInteger();
            Mqtt5AsyncClient back = Mqtt5Client.builder().identifier(subscriber).serverHost(broker.host())
                    .serverPort(broker.port()).buildAsync();
            back.publishes(MqttGlobalPublishFilter.ALL, p -> received.incrementAndGet());
            back.connectWith().cleanStart(false).sessionExpiryInterval(300).send().get(10, TimeUnit.SECONDS);
            int expected = accepted;
            await().atMost(Duration.ofSeconds(20)).until(() -> received.get() >= expected);
            await().atMost(Duration.ofSeconds(20)).until(() -> !alarms.isActive("store_full"));
            assertThat(alarms.cleared()).anyMatch(a -> a.name().equals("store_full"));

            try (RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("full-pub2"))) {
                pub.send(big(topic, 1, 1));
                assertThat(expect(pub, PubAckPacket.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            }
            back.disconnect().get(10, TimeUnit.SECONDS);
        }
    }
}
