package io.berth.it.acl;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PubRecPacket;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.codec.SubAckPacket;
import io.berth.codec.SubscribePacket;
import io.berth.codec.SubscriptionRequest;
import io.berth.codec.Will;
import io.berth.core.acl.AclSyntaxException;
import io.berth.core.acl.DenyAction;
import io.berth.core.auth.PasswordHashes;
import io.berth.core.auth.UserRecord;
import io.berth.server.auth.FileUserStore;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import io.netty.buffer.Unpooled;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ACL rules from a file (EMQX acl.conf syntax) with ${username} and ${clientid} placeholders: SUBSCRIBE denied with
 * SUBACK 0x87 (MQTT 5) or 0x80 (3.1.1, MQTT-3.9.3-2); PUBLISH denied with PUBACK/PUBREC 0x87 (MQTT 5) or dropped
 * (3.1.1); deny_action = disconnect; a rule change applied without restart; a syntax error stopping start-up.
 */
class AclRulesIT {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofMillis(400);

    static final String RULES = """
            %% users publish and subscribe under their own name; clients under their own id
            {allow, all, all, ["users/${username}/#"]}.
            {allow, all, subscribe, ["clients/${clientid}/#"]}.
            {deny, all, subscribe, ["$SYS/#", {eq, "#"}]}.
            """;

    @TempDir
    static Path dir;

    static Path aclFile;
    static EmbeddedBroker broker;
    static EmbeddedBroker disconnecting;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void start() throws IOException {
        Path data = dir.resolve("data");
        FileUserStore users = new FileUserStore(data.resolve("users.passwd"));
        users.put(new UserRecord("alice", PasswordHashes.pbkdf2(b("alice-pw"), 10_000), false));
        users.put(new UserRecord("root", PasswordHashes.pbkdf2(b("root-pw"), 10_000), true));
        aclFile = dir.resolve("acl.conf");
        Files.writeString(aclFile, RULES);
        broker = EmbeddedBroker.start(c -> c.withDataDir(data)
                .withAuthorization(c.authorization().withAclFile(aclFile)));
        Path strict = dir.resolve("strict.conf");
        Files.writeString(strict, RULES);
        disconnecting = EmbeddedBroker.start(c -> c.withDataDir(data)
                .withAuthorization(c.authorization().withAclFile(strict).withDenyAction(DenyAction.DISCONNECT)));
    }

    @AfterAll
    static void stop() {
        broker.close();
        disconnecting.close();
    }

    private static String id() {
        return "acl-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A raw client connected (CONNACK success) as {@code user}. */
    private static RawMqttClient raw(EmbeddedBroker on, MqttVersion v, String clientId, String user)
            throws IOException {
        RawMqttClient raw = RawMqttClient.connect(on, v);
        raw.send(new ConnectPacket(v, clientId, true, 30, user, user == null ? null : b(user + "-pw"), null,
                MqttProperties.EMPTY));
        MqttPacket p = raw.receive(TIMEOUT);
        assertThat(p).isInstanceOfSatisfying(ConnAckPacket.class,
                c -> assertThat(c.reasonCode()).isEqualTo(ReasonCode.SUCCESS));
        return raw;
    }

    private static List<ReasonCode> subscribe(RawMqttClient raw, int packetId, String... filters) throws IOException {
        raw.send(new SubscribePacket(packetId, java.util.Arrays.stream(filters)
                .map(f -> new SubscriptionRequest(f, 1, false, false, 0)).toList(), MqttProperties.EMPTY));
        MqttPacket p = raw.receive(TIMEOUT);
        assertThat(p).isInstanceOf(SubAckPacket.class);
        return ((SubAckPacket) p).reasonCodes();
    }

    private static PublishPacket publish(String topic, int qos, int packetId) {
        return new PublishPacket(topic, qos, false, false, packetId, MqttProperties.EMPTY,
                Unpooled.wrappedBuffer(b("payload")));
    }

    /** A superuser watching every topic, to see what was routed. */
    private static Mqtt5BlockingClient observer() {
        Mqtt5BlockingClient root = Mqtt5Client.builder().identifier(id()).serverHost(broker.host())
                .serverPort(broker.port()).buildBlocking();
        root.connectWith().simpleAuth().username("root").password(b("root-pw")).applySimpleAuth().send();
        return root;
    }

    @Test
    void subscribe_withPlaceholders_mqtt5_deniedFiltersGet0x87() throws Exception {
        String clientId = id();
        try (RawMqttClient alice = raw(broker, MqttVersion.MQTT_5, clientId, "alice")) {
            assertThat(subscribe(alice, 1, "users/alice/#", "users/bob/#", "clients/" + clientId + "/+",
                    "clients/other/#", "#", "$SYS/#"))
                    .containsExactly(ReasonCode.GRANTED_QOS_1, ReasonCode.NOT_AUTHORIZED, ReasonCode.GRANTED_QOS_1,
                            ReasonCode.NOT_AUTHORIZED, ReasonCode.NOT_AUTHORIZED, ReasonCode.NOT_AUTHORIZED);
        }
    }

    @Test
    void subscribe_withPlaceholders_mqtt311_deniedFiltersGet0x80() throws Exception {
        String clientId = id();
        try (RawMqttClient alice = raw(broker, MqttVersion.MQTT_3_1_1, clientId, "alice")) {
            assertThat(subscribe(alice, 1, "users/alice/+", "users/bob/+", "clients/" + clientId + "/x"))
                    .containsExactly(ReasonCode.GRANTED_QOS_1, ReasonCode.UNSPECIFIED_ERROR,
                            ReasonCode.GRANTED_QOS_1);
        }
    }

    @Test
    void anonymousClient_matchesNoUsernamePlaceholder() throws Exception {
        try (RawMqttClient anon = raw(broker, MqttVersion.MQTT_5, id(), null)) {
            assertThat(subscribe(anon, 1, "users//#", "users/+/#")).containsOnly(ReasonCode.NOT_AUTHORIZED);
        }
    }

    @Test
    void hivemqClients_seeTheDenialsInTheirSubAck() {
        Mqtt5BlockingClient v5 = Mqtt5Client.builder().identifier(id()).serverHost(broker.host())
                .serverPort(broker.port()).buildBlocking();
        v5.connectWith().simpleAuth().username("alice").password(b("alice-pw")).applySimpleAuth().send();
        assertThatThrownBy(() -> v5.subscribeWith().topicFilter("users/bob/#").send())
                .isInstanceOfSatisfying(Mqtt5SubAckException.class, e -> assertThat(e.getMqttMessage()
                        .getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED));
        v5.disconnect();

        Mqtt3BlockingClient v3 = Mqtt3Client.builder().identifier(id()).serverHost(broker.host())
                .serverPort(broker.port()).buildBlocking();
        v3.connectWith().simpleAuth().username("alice").password(b("alice-pw")).applySimpleAuth().send();
        assertThatThrownBy(() -> v3.subscribeWith().topicFilter("users/bob/#").send())
                .isInstanceOfSatisfying(Mqtt3SubAckException.class, e -> assertThat(e.getMqttMessage()
                        .getReturnCodes()).containsExactly(Mqtt3SubAckReturnCode.FAILURE));
        v3.disconnect();
    }

    @Test
    void publish_denied_mqtt5_getsPubAckAndPubRec0x87_andIsNotDelivered() throws Exception {
        Mqtt5BlockingClient root = observer();
        try (var seen = root.publishes(MqttGlobalPublishFilter.ALL);
             RawMqttClient alice = raw(broker, MqttVersion.MQTT_5, id(), "alice")) {
            root.subscribeWith().topicFilter("users/#").send();
            alice.send(publish("users/bob/x", 1, 1));
            assertThat(alice.receive(TIMEOUT)).isInstanceOfSatisfying(PubAckPacket.class,
                    a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED));
            alice.send(publish("users/bob/y", 2, 2));
            assertThat(alice.receive(TIMEOUT)).isInstanceOfSatisfying(PubRecPacket.class,
                    a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED));
            alice.send(publish("users/alice/marker", 1, 3));
            assertThat(alice.receive(TIMEOUT)).isInstanceOfSatisfying(PubAckPacket.class,
                    a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.SUCCESS));

            Optional<Mqtt5Publish> first = seen.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(first).hasValueSatisfying(p -> assertThat(p.getTopic().toString())
                    .isEqualTo("users/alice/marker"));
            assertThat(seen.receive(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();
        } finally {
            root.disconnect();
        }
    }

    @Test
    void publish_denied_mqtt311_isAcknowledgedAndDropped() throws Exception {
        Mqtt5BlockingClient root = observer();
        try (var seen = root.publishes(MqttGlobalPublishFilter.ALL);
             RawMqttClient alice = raw(broker, MqttVersion.MQTT_3_1_1, id(), "alice")) {
            root.subscribeWith().topicFilter("users/#").send();
            alice.send(publish("users/bob/x", 1, 1));
            assertThat(alice.receive(TIMEOUT)).isInstanceOf(PubAckPacket.class);
            alice.send(publish("users/alice/marker311", 1, 2));
            assertThat(alice.receive(TIMEOUT)).isInstanceOf(PubAckPacket.class);

            assertThat(seen.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).hasValueSatisfying(p -> assertThat(
                    p.getTopic().toString()).isEqualTo("users/alice/marker311"));
            assertThat(seen.receive(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();
        } finally {
            root.disconnect();
        }
    }

    @Test
    void aWillOnADeniedTopic_isRefusedAtConnect() throws Exception {
        for (MqttVersion v : List.of(MqttVersion.MQTT_3_1_1, MqttVersion.MQTT_5)) {
            try (RawMqttClient alice = RawMqttClient.connect(broker, v)) {
                alice.send(new ConnectPacket(v, id(), true, 30, "alice", b("alice-pw"),
                        new Will("users/bob/status", b("gone"), 0, false, MqttProperties.EMPTY), MqttProperties.EMPTY));
                assertThat(alice.receive(TIMEOUT)).isInstanceOfSatisfying(ConnAckPacket.class,
                        c -> assertThat(c.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED));
                assertThat(alice.awaitClosed(TIMEOUT)).isTrue();
            }
        }
    }

    @Test
    void superuser_bypassesTheRules() throws Exception {
        try (RawMqttClient root = raw(broker, MqttVersion.MQTT_5, id(), "root")) {
            assertThat(subscribe(root, 1, "#", "$SYS/#", "users/bob/#")).containsOnly(ReasonCode.GRANTED_QOS_1);
        }
    }

    @Test
    void denyActionDisconnect_disconnectsAPublisherWithReason0x87() throws Exception {
        try (RawMqttClient alice = raw(disconnecting, MqttVersion.MQTT_5, id(), "alice")) {
            alice.send(publish("users/bob/x", 1, 1));
            assertThat(alice.receive(TIMEOUT)).isInstanceOfSatisfying(DisconnectPacket.class,
                    d -> assertThat(d.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED));
            assertThat(alice.awaitClosed(TIMEOUT)).isTrue();
        }
        try (RawMqttClient alice = raw(disconnecting, MqttVersion.MQTT_3_1_1, id(), "alice")) {
            alice.send(publish("users/bob/x", 0, 0));
            assertThat(alice.awaitClosed(TIMEOUT)).isTrue();
        }
    }

    @Test
    void ruleChange_appliesWithoutRestart_toAnAlreadyConnectedClient() throws Exception {
        try (RawMqttClient alice = raw(broker, MqttVersion.MQTT_5, id(), "alice")) {
            assertThat(subscribe(alice, 1, "news/today")).containsExactly(ReasonCode.NOT_AUTHORIZED);

            Path tmp = dir.resolve("acl.conf.new");
            Files.writeString(tmp, "{allow, all, subscribe, [\"news/#\"]}.\n" + RULES);
            Files.move(tmp, aclFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

            int[] packetId = {2};
            Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(subscribe(alice, packetId[0]++, "news/today")).containsExactly(
                            ReasonCode.GRANTED_QOS_1));
        } finally {
            Files.writeString(dir.resolve("acl.conf.back"), RULES);
            Files.move(dir.resolve("acl.conf.back"), aclFile, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void aclSyntaxError_stopsStartUp_namingFileAndLine() throws IOException {
        Path broken = dir.resolve("broken.conf");
        Files.writeString(broken, "{allow, all}.\n{allow, everybody, publish, [\"a\"]}.\n");
        assertThatThrownBy(() -> EmbeddedBroker.start(c -> c.withDataDir(dir.resolve("data"))
                .withAuthorization(c.authorization().withAclFile(broken))))
                .isInstanceOf(AclSyntaxException.class)
                .hasMessageContaining(broken + ":2:").hasMessageContaining("everybody");
    }
}
