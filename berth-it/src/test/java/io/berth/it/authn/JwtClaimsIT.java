package io.berth.it.authn;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import io.berth.server.config.JwtAuthConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a JWT carries beyond the login: its {@code acl} claim (EMQX's format, checked before the ACL file) and its
 * {@code exp}, after which the client is disconnected (MQTT 5 DISCONNECT 0x87, spec 3.14.2.1; 3.1.1: closed).
 */
class JwtClaimsIT {

    @TempDir
    static Path dir;

    static EmbeddedBroker broker;
    static EmbeddedBroker lenient;

    @BeforeAll
    static void start() throws Exception {
        Path acl = dir.resolve("acl.conf");
        Files.writeString(acl, "{allow, all, all, [\"#\"]}.\n");
        broker = EmbeddedBroker.start(c -> c.withDataDir(dir.resolve("b"))
                .withAuthorization(c.authorization().withAclFile(acl))
                .withAuthentication(c.authentication().withJwt(JwtAuthConfig.hmac(JwtAuthenticationIT.SECRET))));
        lenient = EmbeddedBroker.start(c -> c.withDataDir(dir.resolve("l")).withAuthentication(c.authentication()
                .withJwt(JwtAuthConfig.hmac(JwtAuthenticationIT.SECRET).withDisconnectAfterExpire(false))));
    }

    @AfterAll
    static void stop() {
        for (EmbeddedBroker b : new EmbeddedBroker[] {broker, lenient}) {
            if (b != null) {
                b.close();
            }
        }
    }

    private static String token(JWTClaimsSet claims) throws Exception {
        return JwtAuthenticationIT.hs(JWSAlgorithm.HS256, claims);
    }

    private static Mqtt5BlockingClient connect5(EmbeddedBroker b, String id, String token) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier(id).serverHost(b.host()).serverPort(b.port())
                .buildBlocking();
        c.connectWith().simpleAuth().username("dev").password(token.getBytes(StandardCharsets.UTF_8))
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
    void aclClaim_listOfRules_decidesBeforeTheAclFile_withClientIdPlaceholder() throws Exception {
        String id = "jc-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> rules = List.of(
                Map.of("permission", "deny", "action", "subscribe", "topic", "secret/#"),
                Map.of("permission", "allow", "action", "all", "topic", "own/${clientid}/#"),
                Map.of("permission", "deny", "action", "all", "topic", "own/#"));
        Mqtt5BlockingClient c = connect5(broker, id, token(JwtAuthenticationIT.claims("dev", 60)
                .claim("acl", rules).build()));
        try {
            assertThat(subscribe(c, "secret/x")).isEqualTo(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
            assertThat(subscribe(c, "own/other/x")).isEqualTo(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
            assertThat(subscribe(c, "own/" + id + "/x")).isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
            assertThat(subscribe(c, "free/x")).as("no claim rule matches: the ACL file allows")
                    .isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        } finally {
            c.disconnect();
        }
        Mqtt5BlockingClient plain = connect5(broker, id + "-p", token(JwtAuthenticationIT.claims("dev", 60).build()));
        try {
            assertThat(subscribe(plain, "secret/x")).as("a token without the claim: the ACL file alone")
                    .isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        } finally {
            plain.disconnect();
        }
    }

    @Test
    void aclClaim_oldFormat_allowsOnlyTheListedTopics_andDeniedPublishesAreNotDelivered() throws Exception {
        String id = "jo-" + UUID.randomUUID().toString().substring(0, 8);
        Mqtt5BlockingClient c = connect5(broker, id, token(JwtAuthenticationIT.claims("dev", 60)
                .claim("acl", Map.of("sub", List.of("in/#"), "pub", List.of("in/ok"))).build()));
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = c.publishes(
                com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            assertThat(subscribe(c, "other/x")).isEqualTo(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
            assertThat(subscribe(c, "in/#")).isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
            assertThatThrownBy(() -> c.publishWith().topic("in/denied").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(new byte[] {1}).send())
                    .isInstanceOfSatisfying(com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException.class,
                            e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(
                                    com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode
                                            .NOT_AUTHORIZED));
            c.publishWith().topic("in/ok").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {2}).send();
            Optional<Mqtt5Publish> first = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(first).isPresent();
            assertThat(first.get().getTopic().toString()).as("in/denied was not delivered").isEqualTo("in/ok");
        } finally {
            c.disconnect();
        }
    }

    @Test
    void badAclClaim_isRefused_0x86() throws Exception {
        String t = token(JwtAuthenticationIT.claims("dev", 60)
                .claim("acl", List.of(Map.of("permission", "maybe", "action", "all", "topic", "x"))).build());
        assertThatThrownBy(() -> connect5(broker, "jb-" + UUID.randomUUID(), t))
                .isInstanceOf(com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException.class)
                .hasMessageContaining("BAD_USER_NAME_OR_PASSWORD");
    }

    @Test
    void expiredToken_disconnectsTheClient_withNotAuthorized_MQTT5() throws Exception {
        CompletableFuture<Throwable> cause = new CompletableFuture<>();
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("je-" + UUID.randomUUID())
                .serverHost(broker.host()).serverPort(broker.port())
                .addDisconnectedListener(ctx -> {
                    if (ctx.getSource() == MqttDisconnectSource.SERVER) {
                        cause.complete(ctx.getCause());
                    }
                }).buildBlocking();
        try (LogCapture log = LogCapture.of("event.connection")) {
            c.connectWith().simpleAuth().username("dev").password(token(new JWTClaimsSet.Builder().subject("dev")
                    .expirationTime(new Date(System.currentTimeMillis() + 1500)).build())
                    .getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
            Throwable t = cause.get(10, TimeUnit.SECONDS);
            assertThat(t).isInstanceOfSatisfying(Mqtt5DisconnectException.class, e -> assertThat(
                    e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> log.contains("client.credential_expired"));
        }
    }

    @Test
    void expiredToken_closesTheConnection_MQTT311() throws Exception {
        Mqtt3BlockingClient c = Mqtt3Client.builder().identifier("je3-" + UUID.randomUUID())
                .serverHost(broker.host()).serverPort(broker.port()).buildBlocking();
        c.connectWith().simpleAuth().username("dev").password(token(new JWTClaimsSet.Builder().subject("dev")
                .expirationTime(new Date(System.currentTimeMillis() + 1500)).build())
                .getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !c.getState().isConnected());
    }

    @Test
    void disconnectAfterExpireFalse_keepsTheClient() throws Exception {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("jk-" + UUID.randomUUID())
                .serverHost(lenient.host()).serverPort(lenient.port()).buildBlocking();
        c.connectWith().simpleAuth().username("dev").password(token(new JWTClaimsSet.Builder().subject("dev")
                .expirationTime(new Date(System.currentTimeMillis() + 1000)).build())
                .getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
        try {
            Awaitility.await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                    .until(() -> c.getState().isConnected());
            c.publishWith().topic("still/here").qos(MqttQos.AT_LEAST_ONCE).send(); // PUBACK: still served
        } finally {
            c.disconnect();
        }
    }
}
