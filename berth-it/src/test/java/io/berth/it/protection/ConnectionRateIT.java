package io.berth.it.protection;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.server.config.ListenerProtection;
import io.berth.server.config.Rate;
import io.berth.server.protection.ConnectionGate;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code max_conn_rate}, {@code max_conn_per_ip} and {@code max_conn_rate_per_ip}: sockets over the limit are
 * closed at accept time, while clients already connected keep working.
 */
class ConnectionRateIT {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Opens a raw MQTT 5 connection and says whether it got a CONNACK (false: closed at accept). */
    static boolean connects(EmbeddedBroker broker, List<RawMqttClient> keep) throws Exception {
        RawMqttClient c;
        try {
            c = RawMqttClient.connect(broker, MqttVersion.MQTT_5);
        } catch (java.io.IOException closedDuringConnect) {
            return false;
        }
        MqttPacket answer;
        try {
            c.send(new ConnectPacket(MqttVersion.MQTT_5, "rate-" + UUID.randomUUID(), true, 60, null, null, null,
                    MqttProperties.EMPTY));
            answer = c.receive(TIMEOUT);
        } catch (java.io.IOException reset) {
            answer = null;
        }
        if (answer instanceof ConnAckPacket) {
            keep.add(c);
            return true;
        }
        c.close();
        return false;
    }

    static Mqtt5BlockingClient client(EmbeddedBroker broker, String id) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(broker.port())
                .buildBlocking();
        c.connect();
        return c;
    }

    @Test
    void floodAboveMaxConnRate_isRefusedAtAccept_whileAConnectedSubscriberKeepsGettingMessages() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c.withListenerProtection("tcp:default",
                ListenerProtection.DEFAULTS.withMaxConnRate(Rate.perSecond(5))))) {
            Mqtt5BlockingClient sub = client(broker, "rate-sub-" + UUID.randomUUID());
            Mqtt5BlockingClient pub = client(broker, "rate-pub-" + UUID.randomUUID());
            sub.subscribeWith().topicFilter("rate/t").qos(MqttQos.AT_LEAST_ONCE).send();
            List<RawMqttClient> open = new ArrayList<>();
            int accepted = 0;
            long start = System.nanoTime();
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
                for (int i = 0; i < 40; i++) {
                    if (connects(broker, open)) {
                        accepted++;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                // burst of 5 (two went to sub and pub) plus 5 per second elapsed
                assertThat(accepted).isLessThanOrEqualTo((int) (5 + 5 * seconds) + 1);
                ConnectionGate gate = broker.broker().protection().gate("tcp:default");
                assertThat(40 - accepted).as("refused").isPositive();
                assertThat(gate.refused(ConnectionGate.Refusal.MAX_CONN_RATE)).isEqualTo(40 - accepted);
                pub.publishWith().topic("rate/t").qos(MqttQos.AT_LEAST_ONCE)
                        .payload("still here".getBytes(StandardCharsets.UTF_8)).send();
                Optional<Mqtt5Publish> got = publishes.receive(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                assertThat(got).isPresent();
                assertThat(new String(got.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("still here");
            } finally {
                for (RawMqttClient c : open) {
                    c.close();
                }
                sub.disconnect();
                pub.disconnect();
            }
        }
    }

    @Test
    void maxConnPerIp_refusesTheThirdConnection_andAdmitsAgainOnceOneCloses() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c.withListenerProtection("tcp:default",
                ListenerProtection.DEFAULTS.withMaxConnPerIp(2)))) {
            List<RawMqttClient> open = new ArrayList<>();
            try {
                assertThat(connects(broker, open)).isTrue();
                assertThat(connects(broker, open)).isTrue();
                assertThat(connects(broker, open)).as("third from 127.0.0.1").isFalse();
                open.remove(0).close();
                await().atMost(TIMEOUT).until(() -> connects(broker, open));
            } finally {
                for (RawMqttClient c : open) {
                    c.close();
                }
            }
        }
    }

    @Test
    void maxConnRatePerIp_refusesABurstFromOneAddress() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c.withListenerProtection("tcp:default",
                ListenerProtection.DEFAULTS.withMaxConnRatePerIp(Rate.perSecond(2))))) {
            List<RawMqttClient> open = new ArrayList<>();
            try {
                int accepted = 0;
                long start = System.nanoTime();
                for (int i = 0; i < 20; i++) {
                    if (connects(broker, open)) {
                        accepted++;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                assertThat(accepted).isLessThanOrEqualTo((int) (2 + 2 * seconds) + 1).isLessThan(20);
            } finally {
                for (RawMqttClient c : open) {
                    c.close();
                }
            }
        }
    }
}
