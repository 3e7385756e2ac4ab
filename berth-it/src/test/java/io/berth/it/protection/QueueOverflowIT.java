package io.berth.it.protection;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.core.MqttSettings;
import io.berth.core.alarm.Alarm;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An offline session's queue ({@code mqtt.max_mqueue_len}) overflows: the oldest QoS 0 message makes room first, then
 * new messages are dropped; every loss is counted (dropped, dropped for a full queue) and raises the
 * {@code queue_overflow} alarm.
 */
class QueueOverflowIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void fullQueue_dropsQos0First_thenNewMessages_countsEveryLoss_andRaisesTheAlarm() throws Exception {
        MqttSettings d = MqttSettings.defaults();
        MqttSettings twoQueued = new MqttSettings(d.maxPacketSize(), d.maxClientIdLen(), d.maxTopicLevels(),
                d.maxTopicAlias(), d.maxQosAllowed(), d.maxInflight(), 2, true, d.maxAwaitingRel(),
                d.maxSubscriptions(), d.sessionExpiryInterval(), d.maxKeepalive(), d.keepaliveMultiplier(),
                d.idleTimeout(), d.retainAvailable(), d.wildcardSubscription(), d.sharedSubscription(),
                d.serverKeepalive());
        try (EmbeddedBroker broker = Brokers.start(c -> c.withMqtt(twoQueued))) {
            String id = "overflow-" + UUID.randomUUID();
            String topic = "overflow/" + id;
            Mqtt5BlockingClient sub = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            sub.connectWith().cleanStart(true).sessionExpiryInterval(60).send();
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            sub.disconnect();

            Mqtt5BlockingClient pub = Mqtt5Client.builder().identifier("overflow-pub-" + UUID.randomUUID())
                    .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
            pub.connect();
            var metrics = broker.broker().context().metrics();
            long droppedBefore = metrics.messagesDropped();
            pub.publishWith().topic(topic).qos(MqttQos.AT_MOST_ONCE).payload(bytes("q0")).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("a")).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("b")).send(); // evicts q0
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("c")).send(); // dropped
            pub.disconnect();

            await().atMost(TIMEOUT).until(() -> metrics.messagesDroppedQueueFull() == 2);
            assertThat(metrics.messagesDropped() - droppedBefore).isEqualTo(2);
            await().atMost(TIMEOUT).until(() -> broker.broker().protection().alarms().isActive("queue_overflow"));
            assertThat(broker.broker().protection().alarms().active())
                    .filteredOn(a -> a.name().equals("queue_overflow")).singleElement()
                    .satisfies(a -> assertThat(a.severity()).isEqualTo(Alarm.Severity.WARNING));
            assertThat(broker.broker().meters().scrape()).contains("berth_messages_dropped_queue_full_total 2.0");

            try (var publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
                sub.connectWith().cleanStart(false).sessionExpiryInterval(60).send();
                List<String> received = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Optional<Mqtt5Publish> p = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    assertThat(p).isPresent();
                    received.add(new String(p.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
                }
                assertThat(received).containsExactly("a", "b");
                assertThat(publishes.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
            }
            sub.disconnect();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
