package io.berth.it.protection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.berth.server.config.ProtectionConfig;
import io.berth.server.config.TcpListenerConfig;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alarm.webhook}: alarm activations and deactivations POSTed as JSON to a real local HTTP server, with the
 * configured headers, retried when the server fails.
 */
class AlarmWebhookIT {

    private record Received(String authorization, String contentType, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** Requests to answer 500 before answering 204. */
    private final AtomicInteger failFirst = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks/berth", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            if (failFirst.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(500, -1);
            } else {
                received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        JSON.readTree(new String(body, StandardCharsets.UTF_8))));
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    private EmbeddedBroker broker() {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/berth");
        return Brokers.start(c -> c.withTcpListener(TcpListenerConfig.of("extra", "127.0.0.1", 0))
                .withProtection(c.protection().withWebhook(new ProtectionConfig.AlarmWebhook(url,
                        Map.of("Authorization", "Bearer s3cr3t"), Duration.ofSeconds(5), 3, 100))));
    }

    @Test
    void alarmActivatedAndDeactivated_arePostedAsJsonWithTheConfiguredHeaders() throws Exception {
        try (EmbeddedBroker broker = broker()) {
            broker.broker().listenerManager().stop("tcp:extra"); // raises listener_stopped/tcp:extra

            Received activated = received.poll(10, TimeUnit.SECONDS);
            assertThat(activated).isNotNull();
            assertThat(activated.authorization()).isEqualTo("Bearer s3cr3t");
            assertThat(activated.contentType()).isEqualTo("application/json");
            assertThat(activated.body().get("event").asText()).isEqualTo("alarm.activated");
            assertThat(activated.body().get("name").asText()).isEqualTo("listener_stopped/tcp:extra");
            assertThat(activated.body().get("severity").asText()).isEqualTo("warning");
            assertThat(activated.body().get("details").get("listener").asText()).isEqualTo("tcp:extra");
            assertThat(activated.body().get("node").asText()).isNotEmpty();
            assertThat(activated.body().get("deactivated_at").isNull()).isTrue();

            broker.broker().listenerManager().start("tcp:extra"); // clears it

            Received deactivated = received.poll(10, TimeUnit.SECONDS);
            assertThat(deactivated).isNotNull();
            assertThat(deactivated.body().get("event").asText()).isEqualTo("alarm.deactivated");
            assertThat(deactivated.body().get("name").asText()).isEqualTo("listener_stopped/tcp:extra");
            assertThat(deactivated.body().get("deactivated_at").asText()).isNotEmpty();
        }
    }

    @Test
    void aFailingReceiver_getsTheNotificationAgain_untilItAccepts() throws Exception {
        failFirst.set(2);
        try (EmbeddedBroker broker = broker()) {
            broker.broker().listenerManager().stop("tcp:extra");

            Received activated = received.poll(15, TimeUnit.SECONDS);

            assertThat(activated).isNotNull();
            assertThat(activated.body().get("name").asText()).isEqualTo("listener_stopped/tcp:extra");
            assertThat(requests.get()).isEqualTo(3);
            // the receiver records the body before it answers: the sender counts the delivery once the answer is in
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> broker.broker().protection().webhook().delivered() == 1);
            assertThat(broker.broker().protection().webhook().failed()).isZero();
        }
    }
}
