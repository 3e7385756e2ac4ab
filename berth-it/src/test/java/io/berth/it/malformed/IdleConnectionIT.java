package io.berth.it.malformed;

import io.berth.codec.MqttVersion;
import io.berth.codec.PingRespPacket;
import io.berth.core.MqttSettings;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.time.Duration;

import static io.berth.it.malformed.RawClients.assertClosedSilently;
import static io.berth.it.malformed.RawClients.connected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code mqtt.idle_timeout}: a connection that has not completed CONNECT in time is closed (spec 3.1.4 allows
 * the server to close a connection that does not send CONNECT within a reasonable time).
 */
class IdleConnectionIT {

    static final Duration IDLE_TIMEOUT = Duration.ofMillis(600);

    static EmbeddedBroker broker;
    static Bystander bystander;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.withMqtt(TestSettings.with(MqttSettings.defaults().maxPacketSize(), IDLE_TIMEOUT));
        bystander = Bystander.connect(broker);
    }

    @AfterAll
    static void stop() {
        bystander.close();
        broker.close();
    }

    @Test
    void idleTimeout_defaultIsTenSeconds() {
        assertThat(MqttSettings.defaults().idleTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void connection_withoutConnect_isClosedAfterIdleTimeout() throws Exception {
        long start = System.nanoTime();
        try (RawMqttClient idle = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            assertClosedSilently(idle);
        }
        // a lower bound only: the timer cannot fire early, so a close before it would be another cause
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(50));
        bystander.assertStillServed();
    }

    @Test
    void connection_withPartialConnect_isClosedAfterIdleTimeout() throws Exception {
        long start = System.nanoTime();
        try (RawMqttClient slow = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            slow.sendBytes(0x10, 0x10, 0x00, 0x04, 'M', 'Q'); // the first bytes of a CONNECT, never the rest
            assertClosedSilently(slow);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(50));
        bystander.assertStillServed();
    }

    @Test
    void connection_connectedInTime_outlivesIdleTimeout() throws Exception {
        try (RawMqttClient client = connected(broker, MqttVersion.MQTT_3_1_1)) {
            // nothing arrives and the connection stays open for well past the idle timeout...
            assertThatThrownBy(() -> client.receive(IDLE_TIMEOUT.multipliedBy(2)))
                    .isInstanceOf(SocketTimeoutException.class);
            // ...and it is still served
            client.sendBytes(0xC0, 0x00);
            assertThat(client.receive(RawClients.WAIT)).isInstanceOf(PingRespPacket.class);
        }
    }
}
