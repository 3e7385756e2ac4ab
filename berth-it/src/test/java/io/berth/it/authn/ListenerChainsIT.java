package io.berth.it.authn;

import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.nimbusds.jose.JWSAlgorithm;
import io.berth.core.auth.AnonymousAccess;
import io.berth.core.auth.PasswordHashes;
import io.berth.core.auth.UserRecord;
import io.berth.server.auth.FileUserStore;
import io.berth.server.config.JwtAuthConfig;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Per-listener authentication chains ({@code listeners.<type>.<name>.authentication}, EMQX's listener
 * authenticators): tcp:default keeps the global chain (built-in store), tcp:devices asks only the JWT mechanism,
 * tcp:open asks none (allow_anonymous decides). CONNACK reasons per spec 3.2.2.2 (0x86) and 3.2.2.3 (return code 4).
 */
class ListenerChainsIT {

    @TempDir
    static Path data;

    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        FileUserStore users = new FileUserStore(data.resolve("users.passwd"));
        users.put(new UserRecord("alice", PasswordHashes.pbkdf2("alice-pw".getBytes(StandardCharsets.UTF_8), 1000),
                false));
        broker = EmbeddedBroker.start(c -> c.withDataDir(data)
                .withTcpListener("devices", "127.0.0.1", 0)
                .withTcpListener("open", "127.0.0.1", 0)
                .withAllowAnonymous("open", AnonymousAccess.ALLOW)
                .withAuthentication(c.authentication().withJwt(JwtAuthConfig.hmac(JwtAuthenticationIT.SECRET))
                        .withListenerChain("tcp:devices", List.of("jwt"))
                        .withListenerChain("tcp:open", List.of())
                        .withChain(List.of("built_in_database"))));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static Mqtt5BlockingClient v5(String listener) {
        return Mqtt5Client.builder().identifier("lc-" + UUID.randomUUID()).serverHost(broker.host())
                .serverPort(broker.port(listener)).buildBlocking();
    }

    private static void connect5(String listener, String user, String password) {
        Mqtt5BlockingClient c = v5(listener);
        c.connectWith().simpleAuth().username(user).password(password.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        c.disconnect();
    }

    private static void refused5(String listener, String user, String password, Mqtt5ConnAckReasonCode reason) {
        assertThatThrownBy(() -> connect5(listener, user, password))
                .isInstanceOfSatisfying(Mqtt5ConnAckException.class,
                        e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(reason));
    }

    private static String token(String sub) throws Exception {
        return JwtAuthenticationIT.hs(JWSAlgorithm.HS256, JwtAuthenticationIT.claims(sub, 60).build());
    }

    @Test
    void defaultListener_usesTheGlobalChain_builtInUserIn_jwtOut_MQTT5() throws Exception {
        connect5("tcp:default", "alice", "alice-pw");
        refused5("tcp:default", "dev-1", token("dev-1"), Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void jwtListener_acceptsTokens_andNotTheBuiltInUsers_MQTT5() throws Exception {
        connect5("tcp:devices", "dev-1", token("dev-1"));
        refused5("tcp:devices", "alice", "alice-pw", Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void jwtListener_refusesBuiltInUsers_withReturnCode4_MQTT311() {
        Mqtt3BlockingClient c = Mqtt3Client.builder().identifier("lc-" + UUID.randomUUID())
                .serverHost(broker.host()).serverPort(broker.port("tcp:devices")).buildBlocking();
        assertThatThrownBy(() -> c.connectWith().simpleAuth().username("alice")
                .password("alice-pw".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send())
                .isInstanceOfSatisfying(Mqtt3ConnAckException.class, e -> assertThat(e.getMqttMessage()
                        .getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD));
    }

    @Test
    void emptyChain_letsAllowAnonymousDecide_evenForUnknownCredentials() {
        connect5("tcp:open", "nobody", "whatever");
        Mqtt3BlockingClient c = Mqtt3Client.builder().identifier("lc-" + UUID.randomUUID())
                .serverHost(broker.host()).serverPort(broker.port("tcp:open")).buildBlocking();
        c.connectWith().simpleAuth().username("nobody").password("x".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        c.disconnect();
        refused5("tcp:default", "nobody", "whatever", Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }
}
