package io.berth.it.retain;

import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PublishPacket;
import io.berth.it.publish.MqttClients;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static io.berth.it.publish.MqttClients.publish;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A retained message with a Message Expiry Interval is sent to new subscribers with the remaining interval
 * (MQTT-3.3.2-6) and not at all once the interval has passed (spec 3.3.2.3.3: the retained copy expires too),
 * whatever the subscriber's protocol version.
 */
class RetainedMessageExpiryIT {

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
    void expiredRetainedMessage_isNoLongerSentToNewSubscribers(MqttVersion subscriberVersion) throws Exception {
        String root = unique("retained-expiry");
        try (RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            MqttClients.publishAndComplete(pub, publish(root + "/keep", 1, true, 1, MqttProperties.EMPTY, "keep"));
            MqttClients.publishAndComplete(pub, publish(root + "/long", 1, true, 2, expiry(60), "long"));
            MqttClients.publishAndComplete(pub, publish(root + "/gone", 1, true, 3, expiry(1), "gone"));
        }

        List<PublishPacket> early = retainedFor(subscriberVersion, root + "/#");
        assertThat(early).extracting(MqttClients::text).contains("keep", "long");
        PublishPacket longLived = early.stream().filter(p -> MqttClients.text(p).equals("long")).findFirst()
                .orElseThrow();
        if (subscriberVersion.isV5()) {
            assertThat(longLived.properties().messageExpiryInterval()).as("remaining interval, MQTT-3.3.2-6")
                    .isBetween(1L, 60L);
            PublishPacket keep = early.stream().filter(p -> MqttClients.text(p).equals("keep")).findFirst()
                    .orElseThrow();
            assertThat(keep.properties().messageExpiryInterval()).as("no expiry when none was set").isNull();
        }

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(retainedFor(subscriberVersion, root + "/#")).extracting(MqttClients::text)
                        .containsExactlyInAnyOrder("keep", "long"));
    }

    private static MqttProperties expiry(long seconds) {
        return MqttProperties.builder().messageExpiryInterval(seconds).build();
    }

    private static List<PublishPacket> retainedFor(MqttVersion version, String filter) throws IOException {
        try (RawMqttClient probe = MqttClients.raw(broker, version, unique("probe"))) {
            MqttClients.subscribe(probe, 1, filter, 1);
            return MqttClients.publishesBeforePingResp(probe);
        }
    }
}
