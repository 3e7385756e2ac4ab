package io.berth.it.protection;

import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.core.alarm.Alarm;
import io.berth.core.ban.Ban;
import io.berth.server.config.ProtectionConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic bans: failed authentications from one address ban the address (brute force), a client id that keeps
 * reconnecting is banned (flapping); both raise an alarm.
 */
class AutoBanIT {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    static ReasonCode connect(EmbeddedBroker broker, MqttVersion version, String clientId, String user, String pw)
            throws Exception {
        try (RawMqttClient c = RawMqttClient.connect(broker, version)) {
            c.send(new ConnectPacket(version, clientId, true, 30, user,
                    pw == null ? null : pw.getBytes(StandardCharsets.UTF_8), null, MqttProperties.EMPTY));
            MqttPacket p = c.receive(TIMEOUT);
            assertThat(p).isInstanceOf(ConnAckPacket.class);
            return ((ConnAckPacket) p).reasonCode();
        }
    }

    @Test
    void bruteForce_threeFailedLogins_banTheAddress_andRaiseAnAlarm() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c.withProtection(c.protection().withBruteForce(
                new ProtectionConfig.Detection(true, 3, Duration.ofMinutes(1), Duration.ofMinutes(1)))))) {
            for (int i = 0; i < 3; i++) {
                assertThat(connect(broker, MqttVersion.MQTT_5, "bf-" + i, "nobody", "guess" + i))
                        .isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
            }
            // an anonymous client from loopback would be let in, but the address is banned now
            assertThat(connect(broker, MqttVersion.MQTT_5, "bf-ok-" + UUID.randomUUID(), null, null))
                    .isEqualTo(ReasonCode.BANNED);
            assertThat(connect(broker, MqttVersion.MQTT_3_1_1, "bf-311-" + UUID.randomUUID(), null, null))
                    .as("return code 5").isEqualTo(ReasonCode.NOT_AUTHORIZED);
            assertThat(broker.broker().protection().bans().list()).singleElement().satisfies(b -> {
                assertThat(b.kind()).isEqualTo(Ban.Kind.PEERHOST);
                assertThat(b.who()).isEqualTo("127.0.0.1");
                assertThat(b.by()).isEqualTo("brute_force_detect");
                assertThat(b.until()).isNotNull();
            });
            assertThat(broker.broker().protection().alarms().active()).singleElement().satisfies(a -> {
                assertThat(a.name()).isEqualTo("brute_force_detect/127.0.0.1");
                assertThat(a.severity()).isEqualTo(Alarm.Severity.CRITICAL);
                assertThat(a.details()).containsEntry("failures", "3");
            });
        }
    }

    @Test
    void bruteForce_fewerFailuresThanTheLimit_banNothing() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c.withProtection(c.protection().withBruteForce(
                new ProtectionConfig.Detection(true, 3, Duration.ofMinutes(1), Duration.ofMinutes(1)))))) {
            for (int i = 0; i < 2; i++) {
                assertThat(connect(broker, MqttVersion.MQTT_3_1_1, "bf-" + i, "nobody", "guess"))
                        .isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
            }
            assertThat(connect(broker, MqttVersion.MQTT_5, "ok-" + UUID.randomUUID(), null, null))
                    .isEqualTo(ReasonCode.SUCCESS);
            assertThat(broker.broker().protection().alarms().active()).isEmpty();
        }
    }

    @Test
    void flapping_aClientIdConnectingTooOften_isBannedByClientId_andOthersAreNot() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c.withProtection(c.protection().withFlapping(
                new ProtectionConfig.Detection(true, 3, Duration.ofMinutes(1), Duration.ofMinutes(1)))))) {
            String id = "flap-" + UUID.randomUUID();
            for (int i = 0; i < 3; i++) {
                assertThat(connect(broker, MqttVersion.MQTT_5, id, null, null)).isEqualTo(ReasonCode.SUCCESS);
            }
            assertThat(connect(broker, MqttVersion.MQTT_5, id, null, null)).isEqualTo(ReasonCode.BANNED);
            assertThat(connect(broker, MqttVersion.MQTT_5, id, null, null)).isEqualTo(ReasonCode.BANNED);
            assertThat(connect(broker, MqttVersion.MQTT_5, "steady-" + UUID.randomUUID(), null, null))
                    .isEqualTo(ReasonCode.SUCCESS);
            assertThat(broker.broker().protection().bans().list()).singleElement()
                    .satisfies(b -> assertThat(b.who()).isEqualTo(id));
            assertThat(broker.broker().protection().alarms().active()).singleElement()
                    .satisfies(a -> assertThat(a.name()).isEqualTo("flapping_detect/" + id));
        }
    }
}
