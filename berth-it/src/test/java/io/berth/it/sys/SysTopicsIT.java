package io.berth.it.sys;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PublishPacket;
import io.berth.codec.SubscriptionRequest;
import io.berth.it.publish.MqttClients;
import io.berth.server.config.SysTopicsConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.berth.it.publish.MqttClients.WAIT;
import static io.berth.it.publish.MqttClients.bytes;
import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.publish;
import static io.berth.it.publish.MqttClients.text;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * $SYS topics with Mosquitto's names, published every {@code sys_msg_interval} (200 ms here) as retained
 * messages: version, uptime, connected clients, message and byte counters, subscription and retained message
 * counts, each tracking what happens on the broker. Wildcards at the first level do not match them
 * (MQTT-4.7.2-1); {@code $SYS/#} does.
 */
class SysTopicsIT {

    private static final String PREFIX = "$SYS/broker/";

    static EmbeddedBroker broker;
    static Mqtt5BlockingClient watcher;
    /** The latest value of each $SYS topic, without the prefix. */
    static final Map<String, String> latest = new ConcurrentHashMap<>();
    /** How many uptime publications the watcher has seen. */
    static final AtomicInteger uptimeCount = new AtomicInteger();

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start(c -> c.withSysTopics(new SysTopicsConfig(Duration.ofMillis(200))));
        watcher = MqttClients.v5Builder(broker, unique("watcher"));
        watcher.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> {
            String topic = p.getTopic().toString();
            if (topic.startsWith(PREFIX)) {
                String key = topic.substring(PREFIX.length());
                latest.put(key, text(p.getPayloadAsBytes()));
                if (key.equals("uptime")) {
                    uptimeCount.incrementAndGet();
                }
            }
        });
        watcher.connect();
        watcher.subscribeWith().topicFilter(PREFIX + "#").qos(MqttQos.AT_MOST_ONCE).send();
        // the values published in the second round count everything the first round stored
        await().atMost(WAIT).until(() -> uptimeCount.get() >= 2);
    }

    @AfterAll
    static void stop() {
        watcher.disconnect();
        broker.close();
    }

    @Test
    void broker_publishesTheMosquittoTopics() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(latest).containsKeys("version", "uptime",
                "clients/connected", "clients/total", "messages/received", "messages/sent",
                "publish/messages/received", "publish/messages/sent", "publish/messages/dropped", "bytes/received",
                "bytes/sent", "subscriptions/count", "retained messages/count"));
        assertThat(latest.get("version")).startsWith("berth ");
        assertThat(latest.get("uptime")).matches("\\d+ seconds");
        for (String counter : List.of("clients/connected", "messages/received", "messages/sent", "bytes/received",
                "bytes/sent", "subscriptions/count", "retained messages/count")) {
            assertThat(latest.get(counter)).as(counter).matches("\\d+");
        }
    }

    @Test
    void uptime_advances() {
        await().atMost(WAIT).until(() -> latest.containsKey("uptime"));
        long first = Long.parseLong(latest.get("uptime").split(" ")[0]);
        await().atMost(WAIT).until(() -> Long.parseLong(latest.get("uptime").split(" ")[0]) > first);
    }

    @Test
    void clientsConnected_countsConnectedClients() {
        await().atMost(WAIT).until(() -> "1".equals(latest.get("clients/connected")));
        Mqtt5BlockingClient a = MqttClients.v5(broker, unique("a"));
        Mqtt5BlockingClient b = MqttClients.v5(broker, unique("b"));
        await().atMost(WAIT).until(() -> "3".equals(latest.get("clients/connected")));
        a.disconnect();
        await().atMost(WAIT).until(() -> "2".equals(latest.get("clients/connected")));
        b.disconnect();
        await().atMost(WAIT).until(() -> "1".equals(latest.get("clients/connected")));
    }

    /** A TCP connection that has not sent CONNECT yet is not a connected client. */
    @Test
    void clientsConnected_doesNotCountConnectionsBeforeConnect() throws Exception {
        await().atMost(WAIT).until(() -> "1".equals(latest.get("clients/connected")));
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            int seen = uptimeCount.get();
            await().atMost(WAIT).until(() -> uptimeCount.get() >= seen + 2); // two rounds with the socket open
            assertThat(latest.get("clients/connected")).isEqualTo("1");
            MqttClients.connect(raw, unique("late"), true, MqttProperties.EMPTY);
            await().atMost(WAIT).until(() -> "2".equals(latest.get("clients/connected")));
        }
        await().atMost(WAIT).until(() -> "1".equals(latest.get("clients/connected")));
    }

    @Test
    void messageAndByteCounters_growWithTraffic() {
        await().atMost(WAIT).until(() -> latest.containsKey("publish/messages/received"));
        long publishIn = counter("publish/messages/received");
        long publishOut = counter("publish/messages/sent");
        long packetsIn = counter("messages/received");
        long bytesIn = counter("bytes/received");
        long bytesOut = counter("bytes/sent");
        Mqtt5BlockingClient client = MqttClients.v5(broker, unique("traffic"));
        try {
            String topic = unique("traffic");
            client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            for (int i = 0; i < 5; i++) {
                client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("x".repeat(1000)))
                        .send();
            }
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(counter("publish/messages/received")).isGreaterThanOrEqualTo(publishIn + 5);
                assertThat(counter("publish/messages/sent")).isGreaterThanOrEqualTo(publishOut + 5);
                assertThat(counter("messages/received")).isGreaterThanOrEqualTo(packetsIn + 7);
                assertThat(counter("bytes/received")).isGreaterThanOrEqualTo(bytesIn + 5000);
                assertThat(counter("bytes/sent")).isGreaterThanOrEqualTo(bytesOut + 5000);
            });
        } finally {
            client.disconnect();
        }
    }

    @Test
    void subscriptionsCount_tracksSubscribeAndUnsubscribe() {
        long before = 1; // the watcher's; clients of other tests had clean sessions
        await().atMost(WAIT).until(() -> counter("subscriptions/count") == before);
        Mqtt5BlockingClient client = MqttClients.v5(broker, unique("subs"));
        String t = unique("subs");
        client.subscribeWith().topicFilter(t + "/a").send();
        client.subscribeWith().topicFilter(t + "/+").send();
        client.subscribeWith().topicFilter("$share/g/" + t).send();
        await().atMost(WAIT).until(() -> counter("subscriptions/count") == before + 3);
        client.unsubscribeWith().topicFilter(t + "/a").send();
        await().atMost(WAIT).until(() -> counter("subscriptions/count") == before + 2);
        client.disconnect();
        await().atMost(WAIT).until(() -> counter("subscriptions/count") == before);
    }

    @Test
    void retainedMessagesCount_tracksStoreAndClear() {
        await().atMost(WAIT).until(() -> latest.containsKey("retained messages/count"));
        long before = counter("retained messages/count");
        Mqtt5BlockingClient client = MqttClients.v5(broker, unique("retainer"));
        try {
            String t = unique("retained");
            client.publishWith().topic(t + "/1").retain(true).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("1")).send();
            client.publishWith().topic(t + "/2").retain(true).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("2")).send();
            await().atMost(WAIT).until(() -> counter("retained messages/count") == before + 2);
            client.publishWith().topic(t + "/1").retain(true).qos(MqttQos.AT_LEAST_ONCE).send();
            await().atMost(WAIT).until(() -> counter("retained messages/count") == before + 1);
        } finally {
            client.disconnect();
        }
    }

    /** $SYS messages are retained: a late subscriber gets the current value at once, with RETAIN 1. */
    @Test
    void mqtt311_paho_lateSubscriber_getsTheRetainedValue() throws Exception {
        await().atMost(WAIT).until(() -> latest.containsKey("version"));
        MqttClient paho = new MqttClient(broker.tcpUri(), unique("paho"), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
        try {
            paho.connect(options);
            paho.subscribe(PREFIX + "version", 0, (IMqttMessageListener) (t, m) -> received.add(m));
            MqttMessage first = received.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.isRetained()).isTrue();
            assertThat(text(first.getPayload())).startsWith("berth ");
        } finally {
            paho.disconnect();
            paho.close();
        }
    }

    /**
     * {@code #} and {@code +/broker/uptime} see none of the $SYS messages published while they are subscribed,
     * {@code $SYS/#} sees them (MQTT-4.7.2-1).
     */
    @Test
    void leadingWildcards_doNotMatchSys_butSysHashDoes_MQTT_4_7_2_1() throws Exception {
        String marker = unique("marker");
        try (RawMqttClient wild = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("wild"));
             RawMqttClient sys = MqttClients.raw(broker, MqttVersion.MQTT_3_1_1, unique("sys"))) {
            // Retain Handling 2: only live messages, not what other tests left retained
            MqttClients.subscribe(wild, 1, MqttProperties.EMPTY, new SubscriptionRequest("#", 0, false, false, 2),
                    new SubscriptionRequest("+/broker/uptime", 0, false, false, 2));
            MqttClients.subscribe(sys, 1, "$SYS/#", 0);
            List<PublishPacket> retainedSys = MqttClients.publishesBeforePingResp(sys);
            assertThat(retainedSys).extracting(PublishPacket::topic).contains(PREFIX + "uptime");

            int seen = uptimeCount.get();
            await().atMost(WAIT).until(() -> uptimeCount.get() >= seen + 2); // two rounds while subscribed
            PublishPacket live = expect(sys, PublishPacket.class);
            assertThat(live.topic()).startsWith("$SYS/");

            try (RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
                MqttClients.publishAndComplete(pub, publish(marker, 0, false, 0, MqttProperties.EMPTY, "marker"));
            }
            List<String> topics = new ArrayList<>();
            PublishPacket p;
            do {
                p = expect(wild, PublishPacket.class);
                topics.add(p.topic());
            } while (!p.topic().equals(marker));
            assertThat(topics).as("what # and +/broker/uptime received").containsExactly(marker);
        }
    }

    /** The retained $SYS messages are not sent for a new {@code #} or {@code +/broker/#} subscription (MQTT-4.7.2-1). */
    @Test
    void leadingWildcardSubscription_getsNoRetainedSysMessages_MQTT_4_7_2_1() throws Exception {
        String own = unique("own-retained");
        try (RawMqttClient client = MqttClients.raw(broker, MqttVersion.MQTT_3_1_1, unique("all"))) {
            MqttClients.publishAndComplete(client, publish(own, 1, true, 1, MqttProperties.EMPTY, "mine"));
            MqttClients.subscribe(client, 1, MqttProperties.EMPTY, new SubscriptionRequest("#", 0),
                    new SubscriptionRequest("+/broker/#", 0));
            List<PublishPacket> retained = MqttClients.publishesBeforePingResp(client);
            assertThat(retained).extracting(PublishPacket::topic).contains(own)
                    .noneMatch(topic -> topic.startsWith("$"));
        }
    }

    private static long counter(String key) {
        return Long.parseLong(latest.get(key));
    }
}
