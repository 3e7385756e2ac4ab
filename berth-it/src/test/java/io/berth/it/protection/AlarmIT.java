package io.berth.it.protection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.codec.MqttVersion;
import io.berth.core.alarm.Alarm;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.SslOptions;
import io.berth.server.config.TcpListenerConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import io.berth.testkit.RawMqttClient;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alarms: raised and cleared with time and details, logged, published on {@code $SYS/brokers/<node>/alarms/...}
 * and listed — for a listener above 90% of {@code max_connections} and for an expired server certificate.
 */
class AlarmIT {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void listenerAbove90PercentOfMaxConnections_raisesAnAlarm_publishedAndLogged_andClearsBelow80() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c.withTcpListener(
                TcpListenerConfig.of("default", "127.0.0.1", 0).withMaxConnections(5)));
             LogCapture log = LogCapture.of("event.alarm")) {
            Mqtt5BlockingClient watcher = Mqtt5Client.builder().identifier("alarm-watch-" + UUID.randomUUID())
                    .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
            watcher.connect();
            String node = broker.broker().config().node().name();
            List<RawMqttClient> open = new ArrayList<>();
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
                watcher.subscribeWith().topicFilter("$SYS/brokers/" + node + "/alarms/#").send();
                for (int i = 0; i < 4; i++) { // 5 of 5 with the watcher
                    open.add(RawMqttClient.connect(broker, MqttVersion.MQTT_5));
                }
                Optional<Mqtt5Publish> raised = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(raised).isPresent();
                assertThat(raised.get().getTopic().toString()).endsWith("/alarms/activate");
                JsonNode a = new ObjectMapper().readTree(raised.get().getPayloadAsBytes());
                assertThat(a.path("name").asText()).isEqualTo("listener_connections/tcp:default");
                assertThat(a.path("severity").asText()).isEqualTo("warning");
                assertThat(a.path("max_connections").asText()).isEqualTo("5");
                assertThat(a.path("activated_at").asText()).isNotEmpty();
                assertThat(broker.broker().protection().alarms().active()).singleElement()
                        .satisfies(x -> assertThat(x.severity()).isEqualTo(Alarm.Severity.WARNING));
                assertThat(log.contains("alarm.activated", "listener_connections/tcp:default")).isTrue();
                for (RawMqttClient c : open) {
                    c.close();
                }
                open.clear();
                Optional<Mqtt5Publish> cleared = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(cleared).isPresent();
                assertThat(cleared.get().getTopic().toString()).endsWith("/alarms/deactivate");
                assertThat(new ObjectMapper().readTree(cleared.get().getPayloadAsBytes()).path("cleared_at").asText())
                        .isNotEmpty();
                assertThat(broker.broker().protection().alarms().active()).isEmpty();
                assertThat(broker.broker().protection().alarms().cleared()).hasSize(1);
            } finally {
                for (RawMqttClient c : open) {
                    c.close();
                }
                watcher.disconnect();
            }
        }
    }

    @Test
    void expiredServerCertificate_raisesACriticalAlarm() {
        Path dir = Brokers.freshDir();
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        SslOptions ssl = SslOptions.defaults().withCertificate(certs.expiredClient().certFile(),
                certs.expiredClient().keyFile(), null);
        try (EmbeddedBroker broker = Brokers.start(dir, c -> c.withListener(
                ListenerConfig.ssl("default", "127.0.0.1", 0, ssl)))) {
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(broker.broker().protection().alarms().active())
                    .anySatisfy(a -> {
                        assertThat(a.name()).isEqualTo("certificate_expired/ssl:default");
                        assertThat(a.severity()).isEqualTo(Alarm.Severity.CRITICAL);
                        assertThat(a.details()).containsKey("not_after");
                    }));
        }
    }

    @Test
    void serverCertificateExpiringWithin30Days_raisesAWarning() {
        Path dir = Brokers.freshDir();
        TestCertificates certs = TestCertificates.create(dir.resolve("certs")); // valid for one more day
        SslOptions ssl = SslOptions.defaults().withCertificate(certs.server().certFile(), certs.server().keyFile(),
                null);
        try (EmbeddedBroker broker = Brokers.start(dir, c -> c.withListener(
                ListenerConfig.ssl("default", "127.0.0.1", 0, ssl)))) {
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(broker.broker().protection().alarms().active())
                    .singleElement().satisfies(a -> {
                        assertThat(a.name()).isEqualTo("certificate_expiring/ssl:default");
                        assertThat(a.severity()).isEqualTo(Alarm.Severity.WARNING);
                    }));
        }
    }

    @Test
    void generatedCertificate_validFor825Days_raisesNoCertificateAlarm() {
        try (EmbeddedBroker broker = Brokers.start(c -> c.withListener(
                ListenerConfig.ssl("default", "127.0.0.1", 0, SslOptions.defaults())))) {
            // the housekeeping pass runs every second: over 1.5 s it has looked at the certificate at least once
            await().during(Duration.ofMillis(1500)).atMost(TIMEOUT).until(
                    () -> broker.broker().protection().alarms().active().isEmpty());
        }
    }
}
