package io.berth.it.durability;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker as a real process is killed with SIGKILL while a publisher sends QoS 1 and QoS 2 messages to two
 * persistent subscribers, one offline and one online (receiving and acknowledging while the broker dies), restarted
 * on the same data, and killed again at other, random points of the traffic; after the last restart every message
 * the broker had acknowledged to its publisher (PUBACK, or PUBREC then PUBCOMP) in any round is delivered to both:
 * at least once for QoS 1, exactly once for QoS 2 (MQTT-4.3.2, MQTT-4.3.3) to the offline subscriber. The online
 * subscriber is a new client instance after each kill (its own QoS 2 receive state dies with the connection), so
 * for it the test checks delivery at least once, counting what it got before each kill.
 */
class CrashIT {

    private static final int MESSAGES_PER_ROUND = 800;
    private static final String SUBSCRIBER = "crash-sub";
    private static final String ONLINE = "crash-online";

    /** Acknowledgements after which each round kills the broker, with the traffic still going: random, bounded. */
    private static final int[] KILL_POINTS = killPoints();

    private static int[] killPoints() {
        long seed = Long.getLong("berth.crash.seed", System.nanoTime());
        java.util.Random random = new java.util.Random(seed);
        int[] points = {1 + random.nextInt(20), 50 + random.nextInt(150), 200 + random.nextInt(300)};
        System.out.println("CrashIT kill points " + java.util.Arrays.toString(points) + " (-Dberth.crash.seed="
                + seed + ")");
        return points;
    }

    @TempDir
    Path home;

    @Test
    void acknowledgedMessages_surviveSigkillAtSeveralPoints_qos1AtLeastOnce_qos2ExactlyOnce() throws Exception {
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> onlineReceived = new ConcurrentHashMap<>();
        try (BrokerProcess broker = BrokerProcess.start(home)) {
            for (String id : List.of(SUBSCRIBER, ONLINE)) {
                Mqtt5AsyncClient sub = client(id, broker.port());
                sub.connectWith().cleanStart(true).sessionExpiryInterval(600).send().get(10, TimeUnit.SECONDS);
                sub.subscribeWith()
                        .addSubscription().topicFilter("crash/q1").qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                        .addSubscription().topicFilter("crash/q2").qos(MqttQos.EXACTLY_ONCE).applySubscription()
                        .send().get(10, TimeUnit.SECONDS);
                sub.disconnect().get(10, TimeUnit.SECONDS);
            }
            online(broker, onlineReceived);
            publishAndKill(broker, 0, acknowledged);
        }
        for (int round = 1; round < KILL_POINTS.length; round++) {
            try (BrokerProcess broker = BrokerProcess.start(home)) {
                online(broker, onlineReceived);
                publishAndKill(broker, round, acknowledged);
            }
        }
        Map<String, Integer> mustArrive = Map.copyOf(acknowledged);
        assertThat(mustArrive.size()).isGreaterThanOrEqualTo(IntStream.of(KILL_POINTS).sum());

        try (BrokerProcess broker = BrokerProcess.start(home)) {
            Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
            Mqtt5AsyncClient sub = client(SUBSCRIBER, broker.port());
            sub.publishes(MqttGlobalPublishFilter.ALL, (Mqtt5Publish p) ->
                    received.computeIfAbsent(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8),
                            k -> new AtomicInteger()).incrementAndGet());
            boolean present = sub.connectWith().cleanStart(false).sessionExpiryInterval(600).send()
                    .get(10, TimeUnit.SECONDS).isSessionPresent();
            assertThat(present).as("the persistent session survived the crashes").isTrue();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(received.keySet()).containsAll(mustArrive.keySet()));
            // barrier: a QoS 2 marker published now arrives after every queued message
            Mqtt5AsyncClient marker = client("crash-marker", broker.port());
            marker.connect().get(10, TimeUnit.SECONDS);
            marker.publishWith().topic("crash/q2").qos(MqttQos.EXACTLY_ONCE)
                    .payload("marker".getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> received.containsKey("marker"));
            List<String> duplicatedQos2 = new ArrayList<>();
            received.forEach((payload, n) -> {
                if (payload.startsWith("q2-") && n.get() > 1) {
                    duplicatedQos2.add(payload + " x" + n.get());
                }
            });
            assertThat(duplicatedQos2).as("QoS 2 messages delivered more than once").isEmpty();
            assertThat(received.keySet()).allMatch(p -> p.equals("marker") || p.matches("q[12]-\\d+-\\d+"));

            // the subscriber that was online during the kills gets the rest of what was acknowledged
            Mqtt5AsyncClient online = online(broker, onlineReceived);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(onlineReceived.keySet()).containsAll(mustArrive.keySet()));
            assertThat(onlineReceived.keySet()).allMatch(p -> p.equals("marker") || p.matches("q[12]-\\d+-\\d+"));
            online.disconnect().get(10, TimeUnit.SECONDS);
            marker.disconnect();
            sub.disconnect().get(10, TimeUnit.SECONDS);
        }
    }

    /** The online subscriber resumes its session and records everything it receives (acknowledged on return). */
    private static Mqtt5AsyncClient online(BrokerProcess broker, Map<String, AtomicInteger> received)
            throws Exception {
        Mqtt5AsyncClient online = client(ONLINE, broker.port());
        online.publishes(MqttGlobalPublishFilter.ALL, (Mqtt5Publish p) ->
                received.computeIfAbsent(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8),
                        k -> new AtomicInteger()).incrementAndGet());
        assertThat(online.connectWith().cleanStart(false).sessionExpiryInterval(600).send()
                .get(10, TimeUnit.SECONDS).isSessionPresent()).isTrue();
        return online;
    }

    /** Publishes alternately QoS 1 and 2 without waiting, and SIGKILLs the broker once enough are acknowledged. */
    private static void publishAndKill(BrokerProcess broker, int round, Map<String, Integer> acknowledged)
            throws Exception {
        Mqtt5AsyncClient pub = client("crash-pub-" + round, broker.port());
        pub.connect().get(10, TimeUnit.SECONDS);
        AtomicInteger acks = new AtomicInteger();
        CompletableFuture<Void> enough = new CompletableFuture<>();
        for (int i = 0; i < MESSAGES_PER_ROUND; i++) {
            int qos = i % 2 == 0 ? 1 : 2;
            String payload = "q" + qos + "-" + round + "-" + i;
            pub.publishWith().topic("crash/q" + qos).qos(MqttQos.fromCode(qos))
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send()
                    .whenComplete((result, error) -> {
                        if (error == null && result.getError().isEmpty()) {
                            acknowledged.put(payload, qos);
                            if (acks.incrementAndGet() >= KILL_POINTS[round]) {
                                enough.complete(null);
                            }
                        }
                    });
        }
        enough.get(30, TimeUnit.SECONDS);
        broker.kill(); // SIGKILL in the middle of the traffic
        pub.disconnect();
    }

    private static Mqtt5AsyncClient client(String id, int port) {
        return Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(port).buildAsync();
    }

}
