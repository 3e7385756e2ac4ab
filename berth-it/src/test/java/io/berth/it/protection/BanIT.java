package io.berth.it.protection;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.core.ban.Ban;
import io.berth.core.ban.BanList;
import io.berth.server.protection.ProtectionServices;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Bans by client id, username and peer address (CIDR): enforced at CONNECT with CONNACK 0x8A (MQTT 5) or return
 * code 5 (MQTT 3.1.1); a ban added while the client is connected disconnects it (MQTT 5: DISCONNECT 0x98); bans
 * survive a restart; an expired or removed ban lets the client in again.
 */
class BanIT {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    static Ban ban(Ban.Kind kind, String who, Instant until) {
        return new Ban(kind, who, "test", "operator", Instant.now(), until);
    }

    static MqttPacket connect(EmbeddedBroker broker, MqttVersion version, String clientId, String username)
            throws Exception {
        try (RawMqttClient c = RawMqttClient.connect(broker, version)) {
            c.send(new ConnectPacket(version, clientId, true, 30, username,
                    username == null ? null : "pw".getBytes(StandardCharsets.UTF_8), null, MqttProperties.EMPTY));
            return c.receive(TIMEOUT);
        }
    }

    @Test
    void clientIdBan_refusesConnectWith0x8A_inMqtt5_andReturnCode5_inMqtt311() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c)) {
            String id = "banned-" + UUID.randomUUID();
            broker.broker().protection().bans().add(ban(Ban.Kind.CLIENTID, id, null));
            assertThat(connect(broker, MqttVersion.MQTT_5, id, null)).isInstanceOfSatisfying(ConnAckPacket.class,
                    a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.BANNED));
            assertThat(connect(broker, MqttVersion.MQTT_3_1_1, id, null)).isInstanceOfSatisfying(ConnAckPacket.class,
                    a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED)); // return code 5
            assertThat(connect(broker, MqttVersion.MQTT_5, "other-" + UUID.randomUUID(), null))
                    .isInstanceOfSatisfying(ConnAckPacket.class,
                            a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.SUCCESS));
            assertThat(broker.broker().protection().bans().remove(Ban.Kind.CLIENTID, id)).isTrue();
            assertThat(connect(broker, MqttVersion.MQTT_5, id, null)).isInstanceOfSatisfying(ConnAckPacket.class,
                    a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.SUCCESS));
        }
    }

    @Test
    void returnCode5_isOnTheWire_forMqtt311() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c)) {
            String id = "banned311-" + UUID.randomUUID();
            broker.broker().protection().bans().add(ban(Ban.Kind.CLIENTID, id, null));
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", broker.port())) {
                s.setSoTimeout(10_000);
                byte[] cid = id.getBytes(StandardCharsets.UTF_8);
                java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
                b.write(new byte[] {0x10, (byte) (12 + cid.length), 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 30, 0,
                        (byte) cid.length});
                b.write(cid);
                s.getOutputStream().write(b.toByteArray());
                byte[] connack = s.getInputStream().readNBytes(4);
                assertThat(connack).containsExactly(0x20, 0x02, 0x00, 0x05);
            }
        }
    }

    @Test
    void usernameAndCidrBans_match_andAnExpiredBanDoesNot() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c)) {
            BanList bans = broker.broker().protection().bans();
            bans.add(ban(Ban.Kind.PEERHOST, "127.0.0.0/8", Instant.now().minusSeconds(1)));
            assertThat(connect(broker, MqttVersion.MQTT_5, "c-" + UUID.randomUUID(), null))
                    .isInstanceOfSatisfying(ConnAckPacket.class,
                            a -> assertThat(a.reasonCode()).as("expired ban").isEqualTo(ReasonCode.SUCCESS));
            bans.add(ban(Ban.Kind.USERNAME, "mallory", null));
            assertThat(connect(broker, MqttVersion.MQTT_5, "c-" + UUID.randomUUID(), "mallory"))
                    .isInstanceOfSatisfying(ConnAckPacket.class,
                            a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.BANNED));
            bans.add(ban(Ban.Kind.PEERHOST, "127.0.0.0/8", Instant.now().plusSeconds(60)));
            assertThat(connect(broker, MqttVersion.MQTT_5, "c-" + UUID.randomUUID(), null))
                    .isInstanceOfSatisfying(ConnAckPacket.class,
                            a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.BANNED));
        }
    }

    @Test
    void banAdded_kicksTheConnectedClient_withDisconnect0x98_andItCannotComeBack() {
        try (EmbeddedBroker broker = Brokers.start(c -> c)) {
            String id = "kick-" + UUID.randomUUID();
            Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            java.util.concurrent.atomic.AtomicReference<Throwable> why = new java.util.concurrent.atomic.AtomicReference<>();
            Mqtt5BlockingClient watched = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1")
                    .serverPort(broker.port()).addDisconnectedListener(ctx -> why.compareAndSet(null, ctx.getCause()))
                    .buildBlocking();
            watched.connect();
            broker.broker().protection().bans().add(ban(Ban.Kind.CLIENTID, id, null));
            await().atMost(TIMEOUT).until(() -> why.get() != null);
            assertThat(why.get()).isInstanceOfSatisfying(
                    com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException.class,
                    e -> assertThat(e.getMqttMessage().getReasonCode())
                            .isEqualTo(Mqtt5DisconnectReasonCode.ADMINISTRATIVE_ACTION));
            assertThatThrownBy(client::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class,
                    e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.BANNED));
        }
    }

    @Test
    void bans_areSavedUnderTheDataDir_andInForceAfterARestart() throws Exception {
        Path dir = Brokers.freshDir();
        String id = "persist-" + UUID.randomUUID();
        try (EmbeddedBroker broker = Brokers.start(dir, c -> c)) {
            broker.broker().protection().bans().add(new Ban(Ban.Kind.CLIENTID, id, "tab\there", "ops",
                    Instant.now(), Instant.now().plusSeconds(600)));
        }
        Path file = dir.resolve("data").resolve(ProtectionServices.BANS_FILE);
        assertThat(Files.readString(file)).contains(id);
        try (EmbeddedBroker broker = Brokers.start(dir, c -> c)) {
            assertThat(broker.broker().protection().bans().list()).singleElement()
                    .satisfies(b -> assertThat(b.reason()).isEqualTo("tab\there"));
            assertThat(connect(broker, MqttVersion.MQTT_5, id, null)).isInstanceOfSatisfying(ConnAckPacket.class,
                    a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.BANNED));
        }
    }

    @Test
    void addressBan_closesAConnectedMqtt311Client() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c)) {
            try (RawMqttClient c = RawMqttClient.connect(broker, MqttVersion.MQTT_3_1_1)) {
                c.send(new ConnectPacket(MqttVersion.MQTT_3_1_1, "k311-" + UUID.randomUUID(), true, 30, null, null,
                        null, MqttProperties.EMPTY));
                assertThat(c.receive(TIMEOUT)).isInstanceOfSatisfying(ConnAckPacket.class,
                        a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.SUCCESS));
                broker.broker().protection().bans().add(ban(Ban.Kind.PEERHOST, "127.0.0.1", null));
                assertThat(c.awaitClosed(TIMEOUT)).isTrue();
            }
        }
    }
}
