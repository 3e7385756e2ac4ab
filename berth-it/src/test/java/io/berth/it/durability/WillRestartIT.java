package io.berth.it.durability;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.store.StoreCheck;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Will Message of a persistent session is session state (spec 4.1) and survives a broker restart: a will with a
 * Will Delay Interval whose connection was open when the broker stopped is not published at the shutdown but after
 * the restart once its delay has passed (spec 3.1.3.2.2), and not at all if the client resumes the session in
 * time (MQTT-3.1.3-9).
 */
class WillRestartIT {

    private static final long WILL_DELAY = 4;

    @TempDir
    Path storeDir;

    private EmbeddedBroker broker() {
        return EmbeddedBroker.start(c -> c.withDurability(c.durability().withDir(storeDir)));
    }

    private static Mqtt5BlockingClient client(EmbeddedBroker broker, String id) {
        return Mqtt5Client.builder().identifier(id).serverHost(broker.host()).serverPort(broker.port())
                .buildBlocking();
    }

    private static void connectWithWill(Mqtt5BlockingClient client, String willTopic) {
        client.connectWith().cleanStart(false).sessionExpiryInterval(300)
                .willPublish().topic(willTopic).qos(MqttQos.AT_LEAST_ONCE)
                .payload("gone".getBytes(StandardCharsets.UTF_8)).delayInterval(WILL_DELAY).applyWillPublish()
                .send();
    }

    /** A persistent subscriber to the will topic, offline while the broker restarts. */
    private static void subscribeAndLeave(EmbeddedBroker broker, String subscriber, String willTopic) {
        Mqtt5BlockingClient sub = client(broker, subscriber);
        sub.connectWith().cleanStart(true).sessionExpiryInterval(300).send();
        sub.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE).send();
        sub.disconnect();
    }

    @Test
    void delayedWill_ofPersistentSession_isKeptAtShutdownAndPublishedWhenDueAfterRestart_MQTT_3_1_3_9()
            throws Exception {
        String willTopic = unique("will/restart");
        String subscriber = unique("will-sub");
        try (EmbeddedBroker first = broker()) {
            subscribeAndLeave(first, subscriber, willTopic);
            connectWithWill(client(first, unique("will-client")), willTopic);
        } // the will client is still connected: the shutdown keeps its delayed will in the store
        try (EmbeddedBroker second = broker()) {
            assertThat(second.broker().context().wills().pendingCount())
                    .as("the will is pending after the restart, not published at the shutdown").isEqualTo(1);
            Mqtt5BlockingClient sub = client(second, subscriber);
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(sub.connectWith().cleanStart(false).sessionExpiryInterval(300).send()
                        .isSessionPresent()).isTrue();
                Optional<Mqtt5Publish> will = publishes.receive(WILL_DELAY + 10, TimeUnit.SECONDS);
                assertThat(will).as("the will arrives once its delay has passed").isPresent();
                assertThat(will.get().getTopic().toString()).isEqualTo(willTopic);
                assertThat(new String(will.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("gone");
                assertThat(second.broker().context().wills().pendingCount()).isZero();
            }
            sub.disconnect();
        }
        assertThat(StoreCheck.run(storeDir).counts()).containsEntry("wills", 0L);
    }

    @Test
    void delayedWill_isCancelledByAClientResumingInTimeAfterRestart_MQTT_3_1_3_9() throws Exception {
        String willTopic = unique("will/cancel");
        String willClient = unique("will-client");
        try (EmbeddedBroker first = broker()) {
            connectWithWill(client(first, willClient), willTopic);
        }
        assertThat(StoreCheck.run(storeDir).counts()).containsEntry("wills", 1L);
        try (EmbeddedBroker second = broker()) {
            assertThat(second.broker().context().wills().pendingCount()).isEqualTo(1);
            Mqtt5BlockingClient again = client(second, willClient);
            assertThat(again.connectWith().cleanStart(false).sessionExpiryInterval(300).send().isSessionPresent())
                    .isTrue(); // this connection has no will: the stored one is cancelled and dropped
            assertThat(second.broker().context().wills().pendingCount()).isZero();
            again.disconnect();
        }
        assertThat(StoreCheck.run(storeDir).counts()).containsEntry("wills", 0L);
    }

    @Test
    void will_ofNormallyDisconnectedPersistentSession_isDiscardedFromTheStore_MQTT_3_1_2_10() throws Exception {
        String willTopic = unique("will/normal");
        try (EmbeddedBroker first = broker()) {
            String id = unique("will-client");
            Mqtt5BlockingClient c = client(first, id);
            connectWithWill(c, willTopic);
            c.disconnect();
            await().atMost(Duration.ofSeconds(10)).until(() -> !first.broker().context().sessions().get(id)
                    .isConnected());
            assertThat(first.broker().context().wills().pendingCount()).isZero();
        }
        assertThat(StoreCheck.run(storeDir).counts()).containsEntry("wills", 0L);
    }

}
