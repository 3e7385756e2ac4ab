package io.berth.it.management;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.berth.server.config.ManagementConfig;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /metrics} on the management endpoint, scraped as Prometheus would and parsed line by line. */
class MetricsEndpointIT {

    /** A sample line of the text exposition format: name, optional labels, a number. */
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\")*})? "
                    + "(-?[0-9.]+(E[-+]?[0-9]+)?|NaN|[-+]Inf)");

    @Test
    void scrape_servesPrometheusTextWithTheConnectedClient() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("metrics-" + UUID.randomUUID())
                    .serverHost(broker.host()).serverPort(broker.port()).buildBlocking();
            client.connect();
            client.publishWith().topic("metrics/t").payload(new byte[16]).send();

            HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + broker.managementPort() + "/metrics"))
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            String body = res.body();
            assertThat(body).contains("berth_clients_connected 1.0");
            assertThat(body).containsPattern("berth_bytes_received_total [1-9]");
            for (String line : body.split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    assertThat(line).matches(SAMPLE);
                }
            }
            client.disconnect();
        }
    }

    @Test
    void metrics_refusesOtherMethods() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            var reply = new ManagementHttp(broker.managementPort()).post("/metrics");
            assertThat(reply.status()).isEqualTo(405);
            assertThat(reply.json().get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        }
    }
}
