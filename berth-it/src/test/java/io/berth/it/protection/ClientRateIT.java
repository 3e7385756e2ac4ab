package io.berth.it.protection;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.server.config.ListenerProtection;
import io.berth.server.config.Rate;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-client {@code messages_rate} and {@code bytes_rate}: a publisher sending faster is slowed down by
 * back-pressure (the broker stops reading its socket), is not disconnected and loses nothing.
 */
class ClientRateIT {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    record Run(List<Integer> received, double seconds, boolean publisherConnected) {
    }

    static Run publishFlood(EmbeddedBroker broker, int count, int size) throws Exception {
        Mqtt5BlockingClient sub = Mqtt5Client.builder().identifier("rate-sub-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        sub.connect();
        Mqtt5AsyncClient pub = Mqtt5Client.builder().identifier("rate-pub-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
        pub.connect().get(10, TimeUnit.SECONDS);
        String topic = "rate/" + UUID.randomUUID();
        List<Integer> received = new ArrayList<>();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            long start = System.nanoTime();
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ByteBuffer payload = ByteBuffer.allocate(Math.max(4, size)).putInt(0, i);
                sent.add(pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send());
            }
            while (received.size() < count) {
                Optional<Mqtt5Publish> p = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (p.isEmpty()) {
                    break;
                }
                received.add(ByteBuffer.wrap(p.get().getPayloadAsBytes()).getInt(0));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            boolean connected = pub.getState().isConnected();
            pub.disconnect().get(10, TimeUnit.SECONDS);
            sub.disconnect();
            return new Run(received, seconds, connected);
        }
    }

    static List<Integer> inOrder(int count) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            l.add(i);
        }
        return l;
    }

    @Test
    void messagesRate_throttlesThePublisher_withoutDisconnectingIt_orLosingAMessage() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c.withListenerProtection("tcp:default",
                ListenerProtection.DEFAULTS.withMessagesRate(Rate.perSecond(20))))) {
            Run run = publishFlood(broker, 60, 16);
            assertThat(run.received()).containsExactlyElementsOf(inOrder(60));
            // a burst of 20, then 20 per second: the last of 60 cannot arrive before about 2 s
            assertThat(run.seconds()).isGreaterThan(1.5);
            assertThat(run.publisherConnected()).isTrue();
        }
    }

    @Test
    void bytesRate_throttlesThePublisher_withoutLoss() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c.withListenerProtection("tcp:default",
                ListenerProtection.DEFAULTS.withBytesRate(Rate.perSecond(16 * 1024))))) {
            Run run = publishFlood(broker, 12, 4096); // 48 KB: a 16 KB burst, then 16 KB per second
            assertThat(run.received()).containsExactlyElementsOf(inOrder(12));
            assertThat(run.seconds()).isGreaterThan(1.2);
            assertThat(run.publisherConnected()).isTrue();
        }
    }

    @Test
    void withoutRates_theSameFloodIsFast() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c)) {
            Run run = publishFlood(broker, 60, 16);
            assertThat(run.received()).containsExactlyElementsOf(inOrder(60));
            assertThat(run.seconds()).as("control: no throttling").isLessThan(1.5);
        }
    }
}
