package io.berth.it.malformed;

import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;

import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Connecting raw clients and asserting how the broker got rid of them. */
final class RawClients {

    static final Duration WAIT = Duration.ofSeconds(10);

    private RawClients() {
    }

    /** A raw client that has sent CONNECT and received a successful CONNACK. */
    static RawMqttClient connected(EmbeddedBroker broker, MqttVersion version) throws IOException {
        RawMqttClient client = RawMqttClient.connect(broker, version);
        try {
            client.send(new ConnectPacket(version, "raw-" + UUID.randomUUID().toString().substring(0, 18), true,
                    60, null, null, null, MqttProperties.EMPTY));
            MqttPacket connAck = client.receive(WAIT);
            assertThat(connAck).isInstanceOfSatisfying(ConnAckPacket.class,
                    c -> assertThat(c.reasonCode()).isEqualTo(ReasonCode.SUCCESS));
            return client;
        } catch (IOException | RuntimeException | Error e) {
            client.close();
            throw e;
        }
    }

    /**
     * After CONNACK, a packet broke the spec: an MQTT 5 client gets DISCONNECT with {@code v5Reason} first
     * (MQTT-4.13.1-1, spec 4.13.2), an MQTT 3.x client is just closed (MQTT-4.8.0-1 in 3.1.1).
     */
    static void assertDisconnected(RawMqttClient client, ReasonCode v5Reason) throws IOException {
        if (client.version().isV5()) {
            MqttPacket packet = client.receive(WAIT);
            assertThat(packet).as("DISCONNECT before the close")
                    .isInstanceOfSatisfying(DisconnectPacket.class,
                            d -> assertThat(d.reasonCode()).isEqualTo(v5Reason));
            assertThat(client.awaitClosed(WAIT)).as("closed after DISCONNECT").isTrue();
        } else {
            assertClosedSilently(client);
        }
    }

    /** The server closed the connection without sending anything. */
    static void assertClosedSilently(RawMqttClient client) throws IOException {
        MqttPacket packet;
        try {
            packet = client.receive(WAIT);
        } catch (SocketException reset) {
            return; // reset by the server: closed, nothing received
        }
        assertThat(packet).as("no packet, then the close").isNull();
    }

    /**
     * The server refused a bad CONNECT: the connection is closed, at most after a CONNACK with an error code
     * (MQTT 5 allows one, spec 4.13.1; MQTT-3.1.4-1 in 3.1.1 only says close).
     */
    static void assertConnectRefused(RawMqttClient client) throws IOException {
        MqttPacket packet;
        try {
            packet = client.receive(WAIT);
        } catch (SocketException reset) {
            return;
        }
        if (packet != null) {
            assertThat(packet).isInstanceOfSatisfying(ConnAckPacket.class,
                    c -> assertThat(c.reasonCode().isError()).as("CONNACK %s is an error", c.reasonCode()).isTrue());
            assertThat(client.awaitClosed(WAIT)).as("closed after the refusing CONNACK").isTrue();
        }
    }
}
