package io.berth.it.auth;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.codec.SubAckPacket;
import io.berth.codec.SubscribePacket;
import io.berth.codec.SubscriptionRequest;
import io.berth.core.auth.PasswordHashes;
import io.berth.core.auth.UserRecord;
import io.berth.server.auth.FileUserStore;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import io.netty.buffer.Unpooled;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Users of the built-in store (PBKDF2 and bcrypt hashes) connecting with HiveMQ, Paho, mosquitto_pub and the raw
 * client: right password, wrong password, unknown user (MQTT 5: CONNACK 0x86; 3.1.1: return code 4, spec 3.2.2.3).
 */
class BuiltInUsersIT {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path data;

    static EmbeddedBroker broker;
    static FileUserStore users;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void start() {
        users = new FileUserStore(data.resolve("users.passwd"));
        int iterations = PasswordHashes.DEFAULT_PBKDF2_ITERATIONS;
        users.put(new UserRecord("alice", PasswordHashes.pbkdf2(b("alice-pw"), iterations), false));
        users.put(new UserRecord("bob", PasswordHashes.bcrypt(b("bob-pw"), PasswordHashes.DEFAULT_BCRYPT_COST), false));
        broker = EmbeddedBroker.start(c -> c.withDataDir(data));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static String id() {
        return "auth-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Mqtt5BlockingClient v5() {
        return Mqtt5Client.builder().identifier(id()).serverHost(broker.host()).serverPort(broker.port())
                .buildBlocking();
    }

    private static Mqtt5ConnAckReasonCode connectV5(String user, String password) {
        Mqtt5BlockingClient c = v5();
        try {
            var connect = c.connectWith().simpleAuth().username(user);
            Mqtt5ConnAckReasonCode code = (password == null ? connect.applySimpleAuth()
                    : connect.password(b(password)).applySimpleAuth()).send().getReasonCode();
            c.disconnect();
            return code;
        } catch (Mqtt5ConnAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }

    private static Mqtt3ConnAckReturnCode connectV3(String user, String password) {
        Mqtt3BlockingClient c = Mqtt3Client.builder().identifier(id()).serverHost(broker.host())
                .serverPort(broker.port()).buildBlocking();
        try {
            Mqtt3ConnAckReturnCode code = c.connectWith().simpleAuth().username(user).password(b(password))
                    .applySimpleAuth().send().getReturnCode();
            c.disconnect();
            return code;
        } catch (Mqtt3ConnAckException e) {
            return e.getMqttMessage().getReturnCode();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "bob"})
    void rightPassword_isAccepted_inMqtt5And311(String user) {
        assertThat(connectV5(user, user + "-pw")).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(connectV3(user, user + "-pw")).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "bob"})
    void wrongPassword_isBadUserNameOrPassword(String user) {
        assertThat(connectV5(user, "guess")).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(connectV3(user, "guess")).isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void unknownUser_orMissingPassword_isBadUserNameOrPassword() {
        assertThat(connectV5("mallory", "alice-pw")).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(connectV3("mallory", "x")).isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(connectV5("alice", null)).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void paho_wrongPassword_failsWithReturnCode4_rightPasswordConnects() throws Exception {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("bob");
        options.setPassword("nope".toCharArray());
        MqttClient paho = new MqttClient(broker.tcpUri(), id(), new MemoryPersistence());
        try {
            assertThatThrownBy(() -> paho.connect(options)).isInstanceOfSatisfying(MqttException.class,
                    e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
            options.setPassword("bob-pw".toCharArray());
            paho.connect(options);
            assertThat(paho.isConnected()).isTrue();
            paho.disconnect();
        } finally {
            paho.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqttv311", "mqttv5"})
    void mosquittoPub_withUserAndPassword(String version) throws Exception {
        String port = String.valueOf(broker.port());
        Processes.Result ok = Processes.run(TIMEOUT, "mosquitto_pub", "-h", broker.host(), "-p", port, "-V", version,
                "-u", "alice", "-P", "alice-pw", "-t", "auth/mosquitto", "-m", "hi", "-q", "1");
        assertThat(ok.exitCode()).as(ok.output()).isZero();

        Processes.Result bad = Processes.run(TIMEOUT, "mosquitto_pub", "-h", broker.host(), "-p", port, "-V", version,
                "-u", "alice", "-P", "wrong", "-t", "auth/mosquitto", "-m", "hi", "-q", "1");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.output().toLowerCase()).contains("bad user name or password");
    }

    @Test
    void raw_wrongPassword_gets311ReturnCode4_andTheConnectionCloses() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
            raw.send(new ConnectPacket(MqttVersion.MQTT_3_1_1, id(), true, 30, "alice", b("bad"), null,
                    MqttProperties.EMPTY));
            MqttPacket p = raw.receive(TIMEOUT);
            assertThat(p).isInstanceOfSatisfying(ConnAckPacket.class,
                    c -> assertThat(c.reasonCode()).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD));
            assertThat(raw.awaitClosed(TIMEOUT)).isTrue();
        }
    }

    /** Packets pipelined behind CONNECT wait while the slow hash is checked off the event loop, then run in order. */
    @Test
    void packetsPipelinedBehindConnect_areHeldDuringAuthentication_andProcessedInOrder() throws Exception {
        String topic = "auth/pipelined/" + UUID.randomUUID();
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            raw.send(new ConnectPacket(MqttVersion.MQTT_5, id(), true, 30, "alice", b("alice-pw"), null,
                    MqttProperties.EMPTY));
            raw.send(new SubscribePacket(1, List.of(new SubscriptionRequest(topic, 1, false, false, 0)),
                    MqttProperties.EMPTY));
            raw.send(new PublishPacket(topic, 1, false, false, 2, MqttProperties.EMPTY,
                    Unpooled.wrappedBuffer(b("x"))));
            assertThat(raw.receive(TIMEOUT)).isInstanceOfSatisfying(ConnAckPacket.class,
                    c -> assertThat(c.reasonCode()).isEqualTo(ReasonCode.SUCCESS));
            assertThat(raw.receive(TIMEOUT)).isInstanceOf(SubAckPacket.class);
            List<MqttPacket> next = List.of(raw.receive(TIMEOUT), raw.receive(TIMEOUT));
            assertThat(next).anySatisfy(p -> assertThat(p).isInstanceOf(PublishPacket.class));
            next.forEach(p -> {
                if (p instanceof PublishPacket pub) {
                    pub.release();
                }
            });
        }
    }

    @Test
    void aClientClosingDuringAuthentication_leavesNoSession() throws Exception {
        String clientId = id();
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            raw.send(new ConnectPacket(MqttVersion.MQTT_5, clientId, true, 30, "alice", b("alice-pw"), null,
                    MqttProperties.EMPTY));
        } // closed while PBKDF2 runs
        // barrier: a later client authenticated with the same slow hash has completed its CONNECT
        assertThat(connectV5("alice", "alice-pw")).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        // the closed connection's authentication finished meanwhile, and must not have attached a session
        org.awaitility.Awaitility.await().during(Duration.ofMillis(500)).atMost(TIMEOUT)
                .until(() -> broker.broker().context().sessions().get(clientId) == null);
    }

    @Test
    void aUserAddedWhileTheBrokerRuns_canConnect() {
        assertThat(connectV5("carol", "carol-pw")).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        // another store on the same file, as `berth users add` in another process
        new FileUserStore(data.resolve("users.passwd")).put(new UserRecord("carol",
                PasswordHashes.pbkdf2(b("carol-pw"), 10_000), false));
        assertThat(connectV5("carol", "carol-pw")).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
    }

    @Test
    void receivedMessages_flowForAuthenticatedClients() throws Exception {
        String topic = "auth/flow/" + UUID.randomUUID();
        Mqtt5BlockingClient sub = v5();
        sub.connectWith().simpleAuth().username("alice").password(b("alice-pw")).applySimpleAuth().send();
        try (var publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5BlockingClient pub = v5();
            pub.connectWith().simpleAuth().username("bob").password(b("bob-pw")).applySimpleAuth().send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(b("m")).send();
            assertThat(publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isPresent();
            pub.disconnect();
        }
        sub.disconnect();
    }
}
