package io.berth.it.listeners;

import io.berth.core.auth.AnonymousAccess;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each listener's start-up line says who may use it, so that the secure defaults explain themselves. */
class StartupSummaryIT {

    @Test
    void startedLine_saysWhetherAnonymousClientsAreAccepted() {
        try (LogCapture log = LogCapture.of("event.listener");
             EmbeddedBroker broker = EmbeddedBroker.start(c -> c
                     .withTcpListener("open", "127.0.0.1", 0).withAllowAnonymous("open", AnonymousAccess.ALLOW)
                     .withTcpListener("closed", "127.0.0.1", 0).withAllowAnonymous("closed", AnonymousAccess.DENY))) {
            assertThat(log.contains("listener.started id=tcp:default", "transport=mqtt/tcp", "tls=none",
                    "anonymous=loopback-only")).isTrue();
            assertThat(log.contains("listener.started id=tcp:open", "anonymous=any-address")).isTrue();
            assertThat(log.contains("listener.started id=tcp:closed", "anonymous=refused")).isTrue();
        }
    }
}
