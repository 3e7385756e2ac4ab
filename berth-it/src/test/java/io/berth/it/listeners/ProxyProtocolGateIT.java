package io.berth.it.listeners;

import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.server.config.ListenerProtection;
import io.berth.server.config.ProxyProtocolConfig;
import io.berth.server.config.TcpListenerConfig;
import io.berth.server.protection.AccessRules;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.LogCapture;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Behind a load balancer ({@code proxy_protocol = true}) the accept-time gate judges the client the PROXY header
 * names, not the balancer's socket address: here the socket is always 127.0.0.1, which the rules deny.
 */
class ProxyProtocolGateIT {

    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start(c -> c
                .withTcpListener(TcpListenerConfig.of("proxied", "127.0.0.1", 0)
                        .withProxyProtocol(ProxyProtocolConfig.required(Duration.ofSeconds(5))))
                .withListenerProtection("tcp:proxied", ListenerProtection.DEFAULTS.withAccessRules(AccessRules.parse(
                        List.of("deny 127.0.0.1", "deny 203.0.113.0/24", "allow all")))));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void clientAllowedByTheRules_isServedThoughTheBalancerAddressIsDenied() throws Exception {
        try (RawMqttClient c = RawMqttClient.connect("127.0.0.1", broker.port("tcp:proxied"), MqttVersion.MQTT_5)) {
            c.sendBytes(ascii("PROXY TCP4 127.0.0.5 127.0.0.1 51000 1883\r\n"));
            c.send(new ConnectPacket(MqttVersion.MQTT_5, "gate-allowed", true, 60, null, null, null, null));

            assertThat(connAck(c.receive(Duration.ofSeconds(10)))).isEqualTo(ReasonCode.SUCCESS);
        }
    }

    @Test
    void clientDeniedByTheRules_isClosedWithoutAnAnswer_andLoggedWithItsAddress() throws Exception {
        try (LogCapture log = LogCapture.of("event.listener");
             RawMqttClient c = RawMqttClient.connect("127.0.0.1", broker.port("tcp:proxied"), MqttVersion.MQTT_5)) {
            c.sendBytes(ascii("PROXY TCP4 203.0.113.7 127.0.0.1 40000 1883\r\n"));
            c.send(new ConnectPacket(MqttVersion.MQTT_5, "gate-denied", true, 60, null, null, null, null));

            assertThat(c.awaitClosed(Duration.ofSeconds(10))).isTrue(); // closed, no CONNACK
            await().atMost(Duration.ofSeconds(10)).until(() -> log.contains("listener.refused",
                    "listener=tcp:proxied", "203.0.113.7:40000", "reason=access_rules"));
        }
    }

    private static ReasonCode connAck(MqttPacket p) {
        assertThat(p).isInstanceOf(ConnAckPacket.class);
        return ((ConnAckPacket) p).reasonCode();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
