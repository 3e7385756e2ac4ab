package io.berth.it.client;

import io.berth.client.ClientOptions;
import io.berth.client.ConnAck;
import io.berth.client.MqttClient;
import io.berth.client.ReceivedMessage;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.codec.UserProperty;
import io.berth.core.MqttSettings;
import io.berth.core.auth.PasswordHashes;
import io.berth.core.auth.UserRecord;
import io.berth.server.auth.FileUserStore;
import io.berth.testkit.EmbeddedBroker;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Berth's own client against the broker: every version and QoS, the inflight window, keepalive, many clients. */
class MqttClientIT {

    static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static Stream<Arguments> versionsAndQos() {
        return Stream.of(MqttVersion.values()).flatMap(v -> Stream.of(0, 1, 2).map(q -> Arguments.of(v, q)));
    }

    private static MqttClient client(EmbeddedBroker broker, MqttVersion version,
                                     UnaryOperator<ClientOptions.Builder> customize) {
        String id = "c" + UUID.randomUUID().toString().substring(0, 18);
        return new MqttClient(customize.apply(ClientOptions.builder(broker.host(), broker.port()).version(version)
                .clientId(id)).build(), group);
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static MqttSettings withInflight(int maxInflight) {
        MqttSettings d = MqttSettings.defaults();
        return new MqttSettings(d.maxPacketSize(), d.maxClientIdLen(), d.maxTopicLevels(), d.maxTopicAlias(),
                d.maxQosAllowed(), maxInflight, d.maxMqueueLen(), d.mqueueStoreQos0(), d.maxAwaitingRel(),
                d.maxSubscriptions(), d.sessionExpiryInterval(), d.maxKeepalive(), d.keepaliveMultiplier(),
                d.idleTimeout(), d.retainAvailable(), d.wildcardSubscription(), d.sharedSubscription(), 1);
    }

    @ParameterizedTest(name = "MQTT {0} QoS {1}")
    @MethodSource("versionsAndQos")
    void publishAndSubscribe_roundTrip(MqttVersion version, int qos) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
            MqttClient sub = client(broker, version, b -> b).onMessage(received::add);
            MqttClient pub = client(broker, version, b -> b);
            ConnAck ack = get(sub.connect());
            assertThat(ack.isSuccess()).isTrue();
            get(pub.connect());

            assertThat(get(sub.subscribe("rt/+", qos))).containsExactly(ReasonCode.grantedQos(qos));
            ReasonCode code = get(pub.publish("rt/1", "payload".getBytes(StandardCharsets.UTF_8), qos, false));

            assertThat(code.isError()).isFalse();
            ReceivedMessage m = received.poll(10, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(m.topic()).isEqualTo("rt/1");
            assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("payload");
            assertThat(m.qos()).isEqualTo(qos);
            get(pub.disconnect());
            get(sub.disconnect());
        }
    }

    @Test
    void qos2Burst_staysWithinTheServersReceiveMaximum_MQTT_4_9_0_2() throws Exception {
        // the broker disconnects with 0x93 a client that has more QoS 2 PUBLISHes unreleased than it allows
        try (EmbeddedBroker broker = EmbeddedBroker.withMqtt(withInflight(2))) {
            MqttClient pub = client(broker, MqttVersion.MQTT_5, b -> b);
            assertThat(get(pub.connect()).properties().receiveMaximum()).isEqualTo(2);

            List<CompletableFuture<ReasonCode>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pub.publish("burst/" + i, new byte[] {(byte) i}, 2, false));
            }

            for (CompletableFuture<ReasonCode> r : results) {
                assertThat(get(r).isError()).isFalse();
            }
            get(pub.disconnect());
        }
    }

    @Test
    void serverKeepAlive_isUsed_PINGREQ_answered_MQTT_3_1_2_21() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.withMqtt(withInflight(32))) { // Server Keep Alive 1 s
            List<String> trace = new CopyOnWriteArrayList<>();
            MqttClient c = client(broker, MqttVersion.MQTT_5, b -> b.keepAliveSeconds(60).trace(trace::add));
            assertThat(get(c.connect()).properties().serverKeepAlive()).isEqualTo(1);

            await().atMost(Duration.ofSeconds(10)).until(() -> trace.stream().anyMatch(l -> l.endsWith("PINGRESP")));
            assertThat(trace).anyMatch(l -> l.endsWith("sending PINGREQ"));
            assertThat(c.closeFuture()).isNotDone();
            get(c.disconnect());
        }
    }

    @Test
    void userProperties_andConnectProperties_areSent(@TempDir Path data) throws Exception {
        // the broker checks the user name and password the client sends against its user store
        new FileUserStore(data.resolve("users.passwd")).put(new UserRecord("user",
                PasswordHashes.pbkdf2(new byte[] {1}, 1000), false));
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withDataDir(data))) {
            BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
            MqttClient sub = client(broker, MqttVersion.MQTT_5, b -> b.connectProperties(
                    MqttProperties.builder().sessionExpiryInterval(5L).addUserProperty("who", "sub").build()))
                    .onMessage(received::add);
            MqttClient pub = client(broker, MqttVersion.MQTT_5, b -> b.username("user").password(new byte[] {1}));
            get(sub.connect());
            get(pub.connect());
            get(sub.subscribe("props/#", 1));

            get(pub.publish("props/a", new byte[0], 1, false,
                    MqttProperties.builder().addUserProperty("k", "v").responseTopic("reply/here").build()));

            ReceivedMessage m = received.poll(10, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(m.properties().userProperties()).containsExactly(new UserProperty("k", "v"));
            assertThat(m.properties().responseTopic()).isEqualTo("reply/here");
            get(pub.disconnect());
            get(sub.disconnect());
        }
    }

    @Test
    void manyClients_shareOneEventLoopThread() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            int n = 100;
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            List<MqttClient> clients = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = "client-" + i;
                MqttClient c = client(broker, MqttVersion.MQTT_3_1_1, b -> b).onMessage(m -> received.add(name));
                clients.add(c);
            }
            CompletableFuture.allOf(clients.stream().map(MqttClient::connect).toArray(CompletableFuture[]::new))
                    .get(20, TimeUnit.SECONDS);
            CompletableFuture.allOf(clients.stream().map(c -> c.subscribe("fan/out", 1))
                    .toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

            get(clients.get(0).publish("fan/out", new byte[] {42}, 1, false));

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == n);
            CompletableFuture.allOf(clients.stream().map(MqttClient::disconnect).toArray(CompletableFuture[]::new))
                    .get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void brokerShutdown_failsTheCloseFutureWithTheReason() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start();
        MqttClient c = client(broker, MqttVersion.MQTT_5, b -> b);
        get(c.connect());

        broker.close();

        Throwable cause = c.closeFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS);
        assertThat(cause).hasMessage("Disconnected by the server: server shutting down (0x8B)");
    }
}
