package io.berth.it.load;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.berth.core.MqttSettings;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Correctness under concurrency, not a benchmark (no timing assertions): many publishers into one wildcard
 * subscriber, and one publisher out to many subscribers, with QoS 1. Every message arrives exactly once and in
 * the order its publisher sent it (MQTT-4.6.0-6: ordered per topic for one publisher at QoS 1).
 */
class LoadSanityIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    static EmbeddedBroker broker;
    final List<Mqtt5AsyncClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        // The leak detector stays at PARANOID like every other test: the message counts are sized for that.
        // Unbounded session queues: with the default max_mqueue_len (1000) a subscriber that falls behind the
        // burst loses messages by design, which is not what these tests are about.
        MqttSettings d = MqttSettings.defaults();
        broker = EmbeddedBroker.withMqtt(new MqttSettings(d.maxPacketSize(), d.maxClientIdLen(), d.maxTopicLevels(),
                d.maxTopicAlias(), d.maxQosAllowed(), d.maxInflight(), 0, d.mqueueStoreQos0(), d.maxAwaitingRel(),
                d.maxSubscriptions(), d.sessionExpiryInterval(), d.maxKeepalive(), d.keepaliveMultiplier(),
                d.idleTimeout(), d.retainAvailable(), d.wildcardSubscription(), d.sharedSubscription(),
                d.serverKeepalive()));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @AfterEach
    void disconnectAll() {
        CompletableFuture.allOf(clients.stream().map(Mqtt5AsyncClient::disconnect)
                .toArray(CompletableFuture[]::new)).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void manyPublishers_oneWildcardSubscriber_everyMessageOnceAndInPublisherOrder() {
        int publishers = 10;
        int perPublisher = 200;
        String base = "load/in/" + UUID.randomUUID();
        Received received = new Received(publishers);

        Mqtt5AsyncClient sub = connectAll("sub", 1).get(0);
        sub.subscribeWith().topicFilter(base + "/+").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.add(publisherOf(p), sequenceOf(p))).send().join();

        List<Mqtt5AsyncClient> pubs = connectAll("pub", publishers);
        List<CompletableFuture<Mqtt5PublishResult>> sent = new ArrayList<>();
        for (int seq = 0; seq < perPublisher; seq++) {
            for (int p = 0; p < publishers; p++) {
                sent.add(publish(pubs.get(p), base + "/" + p, p, seq));
            }
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
        assertThat(sent).allSatisfy(f -> assertThat(f.join().getError()).isEmpty());

        await().atMost(WAIT).until(() -> received.total() >= publishers * perPublisher);
        received.assertEachSourceGot(perPublisher);
    }

    @Test
    void onePublisher_twentySubscribers_everySubscriberGetsEveryMessageInOrder() {
        int subscribers = 20;
        int messages = 100;
        String topic = "load/out/" + UUID.randomUUID();
        Received received = new Received(subscribers);

        List<Mqtt5AsyncClient> subs = connectAll("fan", subscribers);
        List<CompletableFuture<?>> subacks = new ArrayList<>();
        for (int s = 0; s < subscribers; s++) {
            int index = s;
            Consumer<Mqtt5Publish> callback = p -> received.add(index, sequenceOf(p));
            subacks.add(subs.get(s).subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .callback(callback).send());
        }
        CompletableFuture.allOf(subacks.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();

        Mqtt5AsyncClient pub = connectAll("fanpub", 1).get(0);
        List<CompletableFuture<Mqtt5PublishResult>> sent = new ArrayList<>();
        for (int seq = 0; seq < messages; seq++) {
            sent.add(publish(pub, topic, 0, seq));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();

        await().atMost(WAIT).until(() -> received.total() >= subscribers * messages);
        received.assertEachSourceGot(messages);
    }

    /** Connects {@code n} clients at once and waits for every CONNACK. */
    private List<Mqtt5AsyncClient> connectAll(String role, int n) {
        List<Mqtt5AsyncClient> connected = IntStream.range(0, n).mapToObj(i -> Mqtt5Client.builder()
                .identifier("load-" + role + i + "-" + UUID.randomUUID())
                .serverHost(broker.host()).serverPort(broker.port()).buildAsync()).toList();
        clients.addAll(connected);
        CompletableFuture.allOf(connected.stream().map(Mqtt5AsyncClient::connect).toArray(CompletableFuture[]::new))
                .orTimeout(30, TimeUnit.SECONDS).join();
        return connected;
    }

    private static CompletableFuture<Mqtt5PublishResult> publish(Mqtt5AsyncClient client, String topic,
                                                                  int publisher, int seq) {
        return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload((publisher + ":" + seq).getBytes(StandardCharsets.UTF_8)).send();
    }

    private static int publisherOf(Mqtt5Publish p) {
        String payload = new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
        return Integer.parseInt(payload.substring(0, payload.indexOf(':')));
    }

    private static int sequenceOf(Mqtt5Publish p) {
        String payload = new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
        return Integer.parseInt(payload.substring(payload.indexOf(':') + 1));
    }

    /** Sequence numbers received, per source (a publisher, or a subscriber in the fan-out). Thread-safe. */
    static final class Received {
        private final List<List<Integer>> bySource = new ArrayList<>();
        private final AtomicInteger total = new AtomicInteger();

        Received(int sources) {
            for (int i = 0; i < sources; i++) {
                bySource.add(new ArrayList<>());
            }
        }

        void add(int source, int seq) {
            List<Integer> list = bySource.get(source);
            synchronized (list) {
                list.add(seq);
            }
            total.incrementAndGet();
        }

        int total() {
            return total.get();
        }

        /** Each source got 0..n-1 once each, in order, and nothing else. */
        void assertEachSourceGot(int n) {
            List<Integer> expected = IntStream.range(0, n).boxed().toList();
            for (int i = 0; i < bySource.size(); i++) {
                List<Integer> list = bySource.get(i);
                synchronized (list) {
                    assertThat(list).as("sequence numbers of source %d", i).containsExactlyElementsOf(expected);
                }
            }
            assertThat(total()).isEqualTo(n * bySource.size());
        }
    }
}
