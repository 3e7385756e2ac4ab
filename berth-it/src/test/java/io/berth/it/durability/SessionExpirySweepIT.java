package io.berth.it.durability;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.berth.store.StoreCheck;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The periodic sweep (durability.session_expiry_sweep) removes a persistent session whose Session Expiry Interval
 * has passed while the broker runs, with its subscriptions and queued messages, from memory and from the durable
 * store (spec 3.1.2.11.2: the Server discards the Session State once the interval has passed).
 */
class SessionExpirySweepIT {

    @TempDir
    Path storeDir;

    @Test
    void expiredPersistentSession_andItsQueue_areRemovedByTheSweepWhileRunning() throws Exception {
        String clientId = unique("swept");
        String topic = unique("sweep/topic");
        try (LogCapture log = LogCapture.of("event.session");
             EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withDurability(c.durability().withDir(storeDir)
                     .withExpirySweep(Duration.ofMillis(500))))) {
            Mqtt5BlockingClient sub = Mqtt5Client.builder().identifier(clientId).serverHost(broker.host())
                    .serverPort(broker.port()).buildBlocking();
            // 2 s is longer than one sweep interval: this session has no timer of its own, only the sweep ends it
            sub.connectWith().cleanStart(true).sessionExpiryInterval(2).send();
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            sub.disconnect();
            Mqtt5BlockingClient pub = Mqtt5Client.builder().identifier(unique("sweep-pub"))
                    .serverHost(broker.host()).serverPort(broker.port()).buildBlocking();
            pub.connect();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload("queued".getBytes(StandardCharsets.UTF_8)).send(); // PUBACK after it is stored
            pub.disconnect();
            assertThat(StoreCheck.run(storeDir).counts()).containsEntry("sessions", 1L).containsEntry("messages", 1L)
                    .containsEntry("subscriptions", 1L);

            await().atMost(Duration.ofSeconds(15)).until(() -> broker.broker().context().sessions().get(clientId)
                    == null);
            assertThat(log.contains("session.expired", clientId, "by=sweep")).isTrue();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(StoreCheck.run(storeDir).counts())
                    .containsEntry("sessions", 0L).containsEntry("messages", 0L)
                    .containsEntry("subscriptions", 0L));
            assertThat(broker.broker().context().trie().size()).isZero();

            // the client comes back: its session is gone, Session Present 0 (spec 3.2.2.1.1)
            Mqtt5BlockingClient again = Mqtt5Client.builder().identifier(clientId).serverHost(broker.host())
                    .serverPort(broker.port()).buildBlocking();
            assertThat(again.connectWith().cleanStart(false).sessionExpiryInterval(2).send().isSessionPresent())
                    .isFalse();
            again.disconnect();
        }
    }
}
