package io.berth.it.protection;

import io.berth.server.config.ListenerConfig;
import io.berth.server.config.ProtectionConfig;
import io.berth.server.config.SslOptions;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code tls_failure_detect}: a burst of failed TLS handshakes from one address raises
 * {@code tls_handshake_failures/<address>}, and one over all addresses {@code tls_handshake_failures}; both are logged.
 */
class TlsHandshakeFailuresIT {

    /** Plain text on a TLS port: the handshake fails ("not a TLS record"). */
    private static void failOneHandshake(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            try {
                while (s.getInputStream().read() != -1) {
                    // drain until the server closes
                }
            } catch (IOException reset) {
                // closed with a reset: failed either way
            }
        }
    }

    @Test
    void burstFromOneAddress_raisesItsAlarm_andTheOverallOne() throws Exception {
        try (LogCapture log = LogCapture.of("event.alarm");
             EmbeddedBroker broker = Brokers.start(c -> c
                     .withListener(ListenerConfig.ssl("default", "127.0.0.1", 0, SslOptions.defaults()))
                     .withProtection(c.protection().withTlsFailures(
                             new ProtectionConfig.TlsFailures(true, 5, 3, Duration.ofMinutes(1)))))) {
            int port = broker.port("ssl:default");

            for (int i = 0; i < 2; i++) {
                failOneHandshake(port); // counted before the server closes the socket
            }
            assertThat(broker.broker().protection().alarms().isActive("tls_handshake_failures/127.0.0.1")).isFalse();

            failOneHandshake(port);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    broker.broker().protection().alarms().isActive("tls_handshake_failures/127.0.0.1"));
            assertThat(log.contains("alarm.activated", "name=tls_handshake_failures/127.0.0.1")).isTrue();
            assertThat(broker.broker().protection().alarms().isActive("tls_handshake_failures")).isFalse();

            failOneHandshake(port);
            failOneHandshake(port);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    broker.broker().protection().alarms().isActive("tls_handshake_failures"));
        }
    }
}
