package io.berth.it.management;

import io.berth.server.config.ListenerConfig;
import io.berth.server.config.ManagementConfig;
import io.berth.server.config.SslOptions;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import io.berth.testkit.TestCertificates;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The management endpoint itself: off in tests by default, a warning when exposed, TLS listeners through it. */
class ManagementEndpointIT {

    @Test
    void embeddedBroker_leavesTheEndpointOff() {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            assertThat(broker.broker().management()).isNull();
        }
    }

    @Test
    void nonLoopbackBind_logsAWarningAtStart() throws Exception {
        try (LogCapture log = LogCapture.of("event.management");
             EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withManagement(ManagementConfig.on("0.0.0.0", 0)))) {
            assertThat(log.contains("management.exposed", "bind=0.0.0.0:0", "plain HTTP")).isTrue();
            assertThat(new ManagementHttp(broker.managementPort()).get("/api/v5/listeners").status()).isEqualTo(200);
        }
        try (LogCapture log = LogCapture.of("event.management");
             EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            assertThat(log.contains("management.started", "auth=token")).isTrue();
            assertThat(log.contains("management.exposed")).isFalse();
        }
    }

    @Test
    void sslListener_isListedWithItsTlsSummary_reloadsAndStopsThroughTheApi() throws Exception {
        TestCertificates certs = TestCertificates.create(Path.of("target", "mgmt-it", UUID.randomUUID().toString()));
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c
                .withListener(ListenerConfig.ssl("default", "127.0.0.1", 0, SslOptions.defaults()
                        .withCertificate(certs.server().certFile(), certs.server().keyFile(), null)))
                .withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            ManagementHttp http = new ManagementHttp(broker.managementPort());

            var ssl = http.get("/api/v5/listeners/ssl:default");
            assertThat(ssl.json().get("tls").asText()).startsWith("tls=TLSv1.3,TLSv1.2 client_cert=not-requested");

            var reload = http.post("/api/v5/listeners/ssl:default/reload-certs");
            assertThat(reload.status()).isEqualTo(200);
            assertThat(reload.json().get("reloaded").asBoolean()).isTrue();

            assertThat(http.post("/api/v5/listeners/ssl:default/stop").status()).isEqualTo(200);
            var stopped = http.get("/api/v5/listeners/ssl:default").json();
            assertThat(stopped.get("running").asBoolean()).isFalse();
            assertThat(stopped.get("tls").isNull()).isTrue();
            assertThat(http.post("/api/v5/listeners/ssl:default/stop").status()).isEqualTo(409);
            assertThat(http.post("/api/v5/listeners/ssl:default/start").status()).isEqualTo(200);
        }
    }
}
