package io.berth.it.protection;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-listener meters in the Prometheus text: open, accepted and refused connections, bytes both ways. */
class ListenerMetersIT {

    private static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(text);
        assertThat(m.find()).as(series + " in\n" + text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void eachListener_hasItsOwnConnectionAndByteMeters_andARuntimeListenerGetsThemToo() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c)) {
            Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("lm-" + UUID.randomUUID())
                    .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
            client.connect();
            client.publishWith().topic("lm/t").payload(new byte[100]).send();

            // a QoS 0 send returns once the client has written it: the broker counts the bytes when it reads them
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
                String scraped = broker.broker().meters().scrape();
                assertThat(value(scraped, "berth_listener_bytes_received_total{listener=\"tcp:default\"}"))
                        .isGreaterThan(100);
            });
            String text = broker.broker().meters().scrape();
            assertThat(value(text, "berth_listener_connections{listener=\"tcp:default\"}")).isEqualTo(1.0);
            assertThat(value(text, "berth_listener_connections_accepted_total{listener=\"tcp:default\"}"))
                    .isEqualTo(1.0);
            assertThat(value(text, "berth_listener_bytes_sent_total{listener=\"tcp:default\"}")).isPositive();

            var created = broker.broker().runtimeListeners().create("tcp", "metered",
                    Map.of("bind", "127.0.0.1:0", "access_rules", List.of("deny all")), "test");
            try (Socket s = new Socket("127.0.0.1", created.port())) {
                s.setSoTimeout(10_000);
                try {
                    assertThat(s.getInputStream().read()).isEqualTo(-1);
                } catch (java.net.SocketException reset) {
                    // refused either way
                }
            }
            text = broker.broker().meters().scrape();
            assertThat(value(text,
                    "berth_connections_refused_total{listener=\"tcp:metered\",reason=\"access_rules\"}"))
                    .isEqualTo(1.0);
            assertThat(value(text, "berth_listener_connections_accepted_total{listener=\"tcp:metered\"}"))
                    .isZero();

            broker.broker().runtimeListeners().delete("tcp:metered");
            assertThat(broker.broker().meters().scrape()).doesNotContain("tcp:metered");
            client.disconnect();
        }
    }
}
