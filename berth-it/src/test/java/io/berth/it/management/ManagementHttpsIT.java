package io.berth.it.management;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.server.config.ManagementConfig;
import io.berth.server.config.ManagementHttpsConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.ManagementApi;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code dashboard.listeners.https}: the same API, logins and tokens over a real TLS handshake. */
class ManagementHttpsIT {

    @TempDir
    Path dir;

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void https_servesLoginAndApi_withTheConfiguredCertificate() throws Exception {
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        try (EmbeddedBroker broker = EmbeddedBroker.start(cfg -> cfg.withDataDir(dir.resolve("data"))
                .withManagement(ManagementConfig.on("127.0.0.1", 0).withHttps(new ManagementHttpsConfig(
                        "127.0.0.1", 0, certs.server().certFile(), certs.server().keyFile()))))) {
            int port = broker.broker().management().httpsPort();
            SSLContext trusting = SSLContext.getInstance("TLS");
            trusting.init(null, certs.trustManagerFactory().getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(trusting).build();
            String base = "https://localhost:" + port;

            HttpResponse<String> login = send(client, HttpRequest.newBuilder(URI.create(base + "/api/v5/login"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\""
                            + EmbeddedBroker.MANAGEMENT_PASSWORD + "\"}")));
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            String token = new ObjectMapper().readTree(login.body()).get("token").asText();

            HttpResponse<String> listeners = send(client, HttpRequest.newBuilder(URI.create(base
                    + "/api/v5/listeners")).header("Authorization", "Bearer " + token).GET());
            assertThat(listeners.statusCode()).isEqualTo(200);
            assertThat(send(client, HttpRequest.newBuilder(URI.create(base + "/api/v5/listeners")).GET())
                    .statusCode()).isEqualTo(401);
            // a token from HTTPS works on HTTP too: one endpoint, two transports
            assertThat(ManagementApi.withToken(broker.managementPort(), token).get("/api/v5/listeners").status())
                    .isEqualTo(200);

            HttpClient untrusting = HttpClient.newHttpClient();
            assertThatThrownBy(() -> send(untrusting, HttpRequest.newBuilder(URI.create(base + "/metrics")).GET()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void httpsOff_byDefault() {
        try (EmbeddedBroker broker = EmbeddedBroker.start(cfg -> cfg.withDataDir(dir.resolve("data"))
                .withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            assertThat(broker.broker().management().httpsPort()).isEqualTo(-1);
        }
    }
}
