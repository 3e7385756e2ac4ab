package io.berth.it.management;

import io.berth.core.alarm.Alarm;
import io.berth.core.alarm.AlarmRegistry;
import io.berth.server.config.ManagementConfig;
import io.berth.server.config.TcpListenerConfig;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** A listener that stops serving while the broker runs raises an alarm, cleared when it runs again. */
class ListenerAlarmsIT {

    @Test
    void stoppedListener_raisesAWarning_clearedWhenStartedAgain() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c
                .withTcpListener(TcpListenerConfig.of("extra", "127.0.0.1", 0))
                .withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            ManagementHttp http = new ManagementHttp(broker.managementPort());
            AlarmRegistry alarms = broker.broker().protection().alarms();

            assertThat(http.post("/api/v5/listeners/tcp:extra/stop").status()).isEqualTo(200);
            assertThat(alarms.active()).singleElement().satisfies(a -> {
                assertThat(a.name()).isEqualTo("listener_stopped/tcp:extra");
                assertThat(a.severity()).isEqualTo(Alarm.Severity.WARNING);
            });

            assertThat(http.post("/api/v5/listeners/tcp:extra/start").status()).isEqualTo(200);
            assertThat(alarms.active()).isEmpty();
            assertThat(alarms.cleared()).extracting(Alarm::name).contains("listener_stopped/tcp:extra");
        }
    }

    @Test
    void listenerThatCannotStart_raisesACriticalAlarmNamingTheCause_clearedOnceItRuns() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c
                .withTcpListener(TcpListenerConfig.of("extra", "127.0.0.1", 0))
                .withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            ManagementHttp http = new ManagementHttp(broker.managementPort());
            AlarmRegistry alarms = broker.broker().protection().alarms();
            try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                int port = taken.getLocalPort();
                assertThat(http.post("/api/v5/listeners/tcp:extra/stop").status()).isEqualTo(200);
                assertThat(http.put("/api/v5/listeners/tcp:extra", "{\"bind\": \"127.0.0.1:" + port + "\"}")
                        .status()).isEqualTo(200);

                assertThat(http.post("/api/v5/listeners/tcp:extra/start").status()).isEqualTo(500);

                assertThat(alarms.active()).singleElement().satisfies(a -> {
                    assertThat(a.name()).isEqualTo("listener_failed/tcp:extra");
                    assertThat(a.severity()).isEqualTo(Alarm.Severity.CRITICAL);
                    assertThat(a.message()).contains(String.valueOf(port)).containsIgnoringCase("address already in use");
                });
            }
            assertThat(http.put("/api/v5/listeners/tcp:extra", "{\"bind\": \"127.0.0.1:0\"}").status()).isEqualTo(200);
            assertThat(http.post("/api/v5/listeners/tcp:extra/start").status()).isEqualTo(200);
            assertThat(alarms.active()).isEmpty();
        }
    }
}
