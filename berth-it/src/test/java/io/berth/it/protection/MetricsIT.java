package io.berth.it.protection;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.berth.server.config.ListenerProtection;
import io.berth.server.metrics.BrokerMeters;
import io.berth.server.protection.AccessRules;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Prometheus text of the broker's meters, as {@code /metrics} will serve it. */
class MetricsIT {

    @Test
    void scrape_showsConnectedClientsTrafficAndRefusalsByListenerAndReason() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c.withTcpListener("closed", "127.0.0.1", 0)
                .withListenerProtection("tcp:closed",
                        ListenerProtection.DEFAULTS.withAccessRules(AccessRules.parse(List.of("deny all")))))) {
            Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("m-" + UUID.randomUUID())
                    .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
            client.connect();
            client.publishWith().topic("m/t").payload(new byte[10]).send();
            try (Socket s = new Socket("127.0.0.1", broker.port("tcp:closed"))) {
                s.setSoTimeout(10_000);
                try {
                    assertThat(s.getInputStream().read()).isEqualTo(-1);
                } catch (java.net.SocketException reset) {
                    // refused either way
                }
            }
            BrokerMeters meters = broker.broker().meters();
            String text = meters.scrape();
            assertThat(text).contains("berth_clients_connected 1.0");
            assertThat(text).contains("berth_connections_refused_total{listener=\"tcp:closed\",reason=\"access_rules\"} 1.0");
            assertThat(text).contains("berth_connections_refused_total{listener=\"tcp:default\",reason=\"max_conn_rate\"} 0.0");
            assertThat(text).containsPattern("berth_bytes_received_total [1-9]");
            assertThat(text).contains("berth_overloaded 0.0");
            assertThat(BrokerMeters.CONTENT_TYPE).startsWith("text/plain");
            client.disconnect();
        }
    }
}
