package io.berth.it.acl;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.berth.core.auth.PasswordHashes;
import io.berth.core.auth.UserRecord;
import io.berth.server.auth.FileUserStore;
import io.berth.server.auth.UserAclFile;
import io.berth.testkit.EmbeddedBroker;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-user ACL rules of the built-in store ({@code <data_dir>/users.acl}, written by {@code berth users acl}):
 * checked before the ACL file's rules, for that user only, and applied to connected clients at the next check.
 * Denied SUBSCRIBE: SUBACK 0x87 (MQTT 5) / 0x80 (3.1.1), spec 3.9.3.
 */
class UserAclIT {

    @TempDir
    static Path dir;

    static EmbeddedBroker broker;
    static UserAclFile rules;

    @BeforeAll
    static void start() throws Exception {
        Path data = dir.resolve("data");
        FileUserStore users = new FileUserStore(data.resolve("users.passwd"));
        for (String u : new String[] {"alice", "bob"}) {
            users.put(new UserRecord(u, PasswordHashes.pbkdf2((u + "-pw").getBytes(StandardCharsets.UTF_8), 1000),
                    false));
        }
        rules = new UserAclFile(data.resolve(UserAclFile.FILE));
        rules.add("alice", true, "subscribe", "vault/alice/#");
        Path acl = Files.writeString(dir.resolve("acl.conf"), """
                {deny, all, subscribe, ["vault/#"]}.
                {allow, all, all, ["#"]}.
                """);
        broker = EmbeddedBroker.start(c -> c.withDataDir(data)
                .withAuthorization(c.authorization().withAclFile(acl)));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static Mqtt5BlockingClient connect(String user) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("ua-" + UUID.randomUUID())
                .serverHost(broker.host()).serverPort(broker.port()).buildBlocking();
        c.connectWith().simpleAuth().username(user).password((user + "-pw").getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        return c;
    }

    private static Mqtt5SubAckReasonCode subscribe(Mqtt5BlockingClient c, String filter) {
        try {
            return c.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().getReasonCodes().get(0);
        } catch (Mqtt5SubAckException e) {
            return e.getMqttMessage().getReasonCodes().get(0);
        }
    }

    @Test
    void userRule_comesBeforeTheFileRules_forThatUserOnly() {
        Mqtt5BlockingClient alice = connect("alice");
        Mqtt5BlockingClient bob = connect("bob");
        try {
            assertThat(subscribe(alice, "vault/alice/x")).isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
            assertThat(subscribe(alice, "vault/bob/x")).isEqualTo(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
            assertThat(subscribe(bob, "vault/alice/x")).isEqualTo(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
        } finally {
            alice.disconnect();
            bob.disconnect();
        }
    }

    @Test
    void ruleAddedAndDeleted_whileConnected_appliesAtTheNextCheck_MQTT311() {
        Mqtt3BlockingClient bob = Mqtt3Client.builder().identifier("ua3-" + UUID.randomUUID())
                .serverHost(broker.host()).serverPort(broker.port()).buildBlocking();
        bob.connectWith().simpleAuth().username("bob").password("bob-pw".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        try {
            assertThat(granted(bob, "news/1")).isTrue();
            rules.add("bob", false, "subscribe", "news/#");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !granted(bob, "news/2"));
            assertThat(rules.delete("bob", 1)).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> granted(bob, "news/3"));
        } finally {
            bob.disconnect();
        }
    }

    private static boolean granted(Mqtt3BlockingClient c, String filter) {
        try {
            c.subscribeWith().topicFilter(filter).send();
            return true;
        } catch (Mqtt3SubAckException e) {
            return false;
        }
    }
}
