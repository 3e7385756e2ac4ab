package io.berth.it.authn;

import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.berth.core.auth.AnonymousAccess;
import io.berth.core.auth.PasswordHashes;
import io.berth.core.auth.UserRecord;
import io.berth.server.auth.FileUserStore;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.PeerCertAsUsername;
import io.berth.server.config.SslOptions;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code enable_two_factor} over real mutual TLS: a verified client certificate AND a password the chain accepts,
 * the User Name being the certificate's identity; either factor alone is refused. Also {@code allow_anonymous} on
 * an ssl listener and the {@code ${cert_common_name}} ACL placeholder.
 */
class TwoFactorIT {

    @TempDir
    static Path dir;

    static TestCertificates certs;
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws IOException {
        certs = TestCertificates.create(dir.resolve("certs"));
        FileUserStore users = new FileUserStore(dir.resolve("data").resolve("users.passwd"));
        users.put(new UserRecord("client-1", PasswordHashes.pbkdf2(b("pw1"), 1000), false)); // the cert's CN
        users.put(new UserRecord("mallory", PasswordHashes.pbkdf2(b("pw2"), 1000), false));
        Path acl = dir.resolve("acl.conf");
        Files.writeString(acl, """
                {allow, all, subscribe, ["certs/${cert_common_name}/#"]}.
                {allow, {cert_common_name, "client-1"}, subscribe, ["cn-only/#"]}.
                {deny, all}.
                """);
        SslOptions mutual = SslOptions.defaults()
                .withCertificate(certs.server().certFile(), certs.server().keyFile(), null)
                .withClientCertificates(certs.caFile(), false);
        broker = EmbeddedBroker.start(c -> c.withDataDir(dir.resolve("data"))
                .withListener(ListenerConfig.ssl("tf", "127.0.0.1", 0, mutual))
                .withListener(ListenerConfig.ssl("tfcn", "127.0.0.1", 0, mutual)
                        .withPeerCertAsUsername(PeerCertAsUsername.CN))
                .withListener(ListenerConfig.ssl("closed", "127.0.0.1", 0, mutual))
                .withAuthentication(c.authentication().withTwoFactor("ssl:tf", true).withTwoFactor("ssl:tfcn", true)
                        .withAnonymous("ssl:closed", AnonymousAccess.DENY))
                .withAuthorization(c.authorization().withAclFile(acl)));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Mqtt5BlockingClient client(String listener, boolean withCert) {
        var ssl = Mqtt5Client.builder().identifier("tf-" + UUID.randomUUID()).serverHost("127.0.0.1")
                .serverPort(broker.port(listener)).sslConfig().trustManagerFactory(certs.trustManagerFactory());
        if (withCert) {
            ssl = ssl.keyManagerFactory(TestCertificates.keyManagerFactory(certs.client()));
        }
        return ssl.applySslConfig().buildBlocking();
    }

    static void connect(String listener, boolean withCert, String user, String password) {
        Mqtt5BlockingClient c = client(listener, withCert);
        var connect = c.connectWith();
        if (user != null) {
            var auth = connect.simpleAuth().username(user);
            connect = (password == null ? auth : auth.password(b(password))).applySimpleAuth();
        }
        connect.send();
        c.disconnect();
    }

    static void refused(String listener, boolean withCert, String user, String password,
                        Mqtt5ConnAckReasonCode code) {
        assertThatThrownBy(() -> connect(listener, withCert, user, password))
                .isInstanceOfSatisfying(Mqtt5ConnAckException.class,
                        e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(code));
    }

    @Test
    void certificateAndPasswordOfTheSameIdentity_connect() {
        connect("ssl:tf", true, "client-1", "pw1");
    }

    @Test
    void certificateAlone_isRefusedWith0x86_MQTT5_andReturnCode4_MQTT311() {
        refused("ssl:tf", true, null, null, Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        var c = Mqtt3Client.builder().identifier("tf3-" + UUID.randomUUID()).serverHost("127.0.0.1")
                .serverPort(broker.port("ssl:tf")).sslConfig().trustManagerFactory(certs.trustManagerFactory())
                .keyManagerFactory(TestCertificates.keyManagerFactory(certs.client())).applySslConfig()
                .buildBlocking();
        assertThatThrownBy(c::connect).isInstanceOfSatisfying(Mqtt3ConnAckException.class, e -> assertThat(
                e.getMqttMessage().getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD));
    }

    @Test
    void passwordAlone_isRefusedWith0x87() {
        refused("ssl:tf", false, "client-1", "pw1", Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
    }

    @Test
    void anotherUsersValidPassword_withTheCertificate_isRefusedWith0x87() {
        refused("ssl:tf", true, "mallory", "pw2", Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
    }

    @Test
    void wrongPassword_withTheCertificate_isRefusedWith0x86() {
        refused("ssl:tf", true, "client-1", "wrong", Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void withPeerCertAsUsername_theCertificateNamesTheUser_andThePasswordIsStillRequired() {
        connect("ssl:tfcn", true, "mallory", "pw1"); // the user name becomes client-1 (the CN)
        refused("ssl:tfcn", true, "mallory", "pw2", Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void scramEnhancedAuth_isNotASecondFactor_andIsRefusedWith0x8C() {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("tf-" + UUID.randomUUID()).serverHost("127.0.0.1")
                .serverPort(broker.port("ssl:tf")).sslConfig().trustManagerFactory(certs.trustManagerFactory())
                .keyManagerFactory(TestCertificates.keyManagerFactory(certs.client())).applySslConfig()
                .enhancedAuth(new ScramClientMechanism(256, "client-1", "pw1")).buildBlocking();
        assertThatThrownBy(c::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(
                e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.BAD_AUTHENTICATION_METHOD));
    }

    @Test
    void allowAnonymousFalse_onAnSslListener_refusesAnonymousClientsFromLoopback() {
        refused("ssl:closed", false, null, null, Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
    }

    @Test
    void certCommonNamePlaceholderAndWho_inAclRules() {
        Mqtt5BlockingClient c = client("ssl:tf", true);
        c.connectWith().simpleAuth().username("client-1").password(b("pw1")).applySimpleAuth().send();
        try {
            assertThat(c.subscribeWith().topicFilter("certs/client-1/#").send().getReasonCodes())
                    .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_2);
            assertThat(c.subscribeWith().topicFilter("cn-only/x").send().getReasonCodes())
                    .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_2);
            assertThatThrownBy(() -> c.subscribeWith().topicFilter("certs/other/#").send())
                    .isInstanceOfSatisfying(Mqtt5SubAckException.class, e -> assertThat(
                            e.getMqttMessage().getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED));
        } finally {
            c.disconnect();
        }
    }
}
