package io.berth.it.authn;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.berth.server.config.ClientSslOptions;
import io.berth.server.config.HttpAuthConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP authentication hook over HTTPS with its {@code ssl} options, against real HTTPS servers whose
 * certificates a test CA issued: the private CA (cacertfile), the name checked (server_name_indication) and
 * verify_none. A service the broker cannot trust is an error, answered with on_error = deny (0x86).
 */
class HttpsAuthenticationIT {

    @TempDir
    static Path dir;

    static TestCertificates certs;
    static HttpsTestService localhost;
    static HttpsTestService named;
    static final List<EmbeddedBroker> brokers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create(dir.resolve("certs"));
        localhost = HttpsTestService.https(certs.server()).json("/auth", () -> "{\"result\": \"allow\"}");
        named = HttpsTestService.https(certs.serverCertificateFor("auth.example"))
                .json("/auth", () -> "{\"result\": \"allow\"}");
    }

    @AfterAll
    static void stop() {
        brokers.forEach(EmbeddedBroker::close);
        localhost.close();
        named.close();
    }

    private static EmbeddedBroker broker(URI url, UnaryOperator<HttpAuthConfig> ssl) {
        EmbeddedBroker b = EmbeddedBroker.start(c -> c.withDataDir(dir.resolve("b" + brokers.size()))
                .withAuthentication(c.authentication().withHttp(ssl.apply(HttpAuthConfig.post(url)
                        .withDenyOnError(true).withRequestTimeout(java.time.Duration.ofSeconds(2))))));
        brokers.add(b);
        return b;
    }

    private static void connect(EmbeddedBroker b) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("https-" + UUID.randomUUID())
                .serverHost(b.host()).serverPort(b.port()).buildBlocking();
        c.connectWith().simpleAuth().username("alice").password("pw".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        c.disconnect();
    }

    private static void refused(EmbeddedBroker b) {
        assertThatThrownBy(() -> connect(b)).isInstanceOfSatisfying(Mqtt5ConnAckException.class,
                e -> assertThat(e.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
    }

    @Test
    void privateCa_inCacertfile_isTrusted() {
        connect(broker(localhost.url("/auth"), h -> h.withSsl(ClientSslOptions.trusting(certs.caFile()))));
    }

    @Test
    void withoutTheCa_theJdkTrustStoreRefusesTheService_andOnErrorDenies() {
        EmbeddedBroker b = broker(localhost.url("/auth"), h -> h);
        try (LogCapture log = LogCapture.of("io.berth.server.auth.HttpAuthenticator")) {
            refused(b);
            assertThat(log.contains("authentication.http_error")).isTrue();
        }
        refused(broker(localhost.url("/auth"), h -> h.withSsl(ClientSslOptions.trusting(certs.unknownCaFile()))));
    }

    @Test
    void serverNameIndication_isTheNameChecked_whenTheUrlIsAnAddress() {
        connect(broker(named.url("/auth"), h -> h.withSsl(ClientSslOptions.trusting(certs.caFile())
                .withServerName("auth.example"))));
        refused(broker(named.url("/auth"), h -> h.withSsl(ClientSslOptions.trusting(certs.caFile()))));
        refused(broker(named.url("/auth"), h -> h.withSsl(ClientSslOptions.trusting(certs.caFile())
                .withServerName("other.example"))));
    }

    @Test
    void verifyNone_acceptsAnyCertificate() {
        connect(broker(named.url("/auth"), h -> h.withSsl(new ClientSslOptions(true, null, false, null))));
    }
}
