package io.berth.it.will;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.codec.Will;
import io.berth.it.session.SessionProbe;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Will Delay Interval (MQTT 5, spec 3.1.3.2.2): the will goes after the delay or when the session ends, whichever
 * comes first, and not at all if a new connection resumes the session in time (MQTT-3.1.3-9).
 */
class WillDelayIT {

    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void willDelay_willIsPublishedAfterTheDelay() throws Exception {
        String topic = "willd/after";
        try (Subscriber sub = Subscriber.on(broker, topic)) {
            RawMqttClient raw = connect("wd-after", false, 10, willWithDelay(topic, "late", 1));
            raw.close();
            long dropped = System.nanoTime();
            assertThat(text(sub.next())).isEqualTo("late");
            assertThat((System.nanoTime() - dropped) / 1_000_000).as("not before the 1 s delay")
                    .isGreaterThanOrEqualTo(900);
        }
    }

    @Test
    void willDelay_hiveMq5_disconnectWithWillMessage_willIsPublishedAfterTheDelay() throws Exception {
        String topic = "willd/hivemq";
        try (Subscriber sub = Subscriber.on(broker, topic)) {
            Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("wd-hivemq").serverHost(broker.host())
                    .serverPort(broker.port())
                    .willPublish().topic(topic).payload(bytes("hivemq late")).qos(MqttQos.AT_LEAST_ONCE)
                    .delayInterval(1).applyWillPublish()
                    .buildBlocking();
            client.connectWith().sessionExpiryInterval(10).send();
            client.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
            long disconnected = System.nanoTime();
            assertThat(text(sub.next())).isEqualTo("hivemq late");
            assertThat((System.nanoTime() - disconnected) / 1_000_000).isGreaterThanOrEqualTo(900);
        }
    }

    @Test
    void reconnectWithinTheDelay_willIsNotPublished_MQTT_3_1_3_9() throws Exception {
        try (Subscriber sub = Subscriber.on(broker, "willd/resume/#")) {
            // the client under test drops first, so its will, if not cancelled, would come before the control's
            RawMqttClient dropped = connect("wd-resume", false, 60, willWithDelay("willd/resume/test", "must not appear", 1));
            dropped.close();
            SessionProbe.awaitOffline(broker, "wd-resume");
            RawMqttClient control = connect("wd-control", false, 60, willWithDelay("willd/resume/control", "control", 1));
            control.close();
            SessionProbe.awaitOffline(broker, "wd-control");

            try (RawMqttClient back = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
                back.send(new ConnectPacket(MqttVersion.MQTT_5, "wd-resume", false, 60, null, null, null,
                        MqttProperties.builder().sessionExpiryInterval(60L).build()));
                ConnAckPacket ack = (ConnAckPacket) back.receive();
                assertThat(ack.sessionPresent()).isTrue();

                Mqtt5Publish first = sub.next(); // after the 1 s will delay of both clients
                assertThat(first.getTopic().toString()).isEqualTo("willd/resume/control");
                assertThat(sub.poll(Duration.ofMillis(500))).isEmpty();
            }
        }
    }

    @Test
    void takeoverWithinTheDelay_sessionContinues_willIsNotPublished_MQTT_3_1_3_9() throws Exception {
        try (Subscriber sub = Subscriber.on(broker, "willd/takeover/#")) {
            // still connected when the second connection takes its session over
            RawMqttClient first = connect("wd-take", false, 60, willWithDelay("willd/takeover/test", "no", 1));
            try (RawMqttClient second = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
                second.send(new ConnectPacket(MqttVersion.MQTT_5, "wd-take", false, 60, null, null, null,
                        MqttProperties.builder().sessionExpiryInterval(60L).build()));
                assertThat(((ConnAckPacket) second.receive()).sessionPresent()).isTrue();
                assertThat(first.receive()).isEqualTo(new DisconnectPacket(ReasonCode.SESSION_TAKEN_OVER));
                first.close();
                // barrier: a will with the same delay, started after the takeover
                connect("wd-take-control", false, 60, willWithDelay("willd/takeover/control", "control", 1))
                        .close();
                assertThat(sub.next().getTopic().toString()).isEqualTo("willd/takeover/control");
                assertThat(sub.poll(Duration.ofMillis(500))).isEmpty();
            }
        }
    }

    @Test
    void sessionExpiryShorterThanWillDelay_willIsPublishedWhenTheSessionEnds() throws Exception {
        String topic = "willd/session-end";
        try (Subscriber sub = Subscriber.on(broker, topic)) {
            // will delay 30 s, session expiry 1 s
            RawMqttClient raw = connect("wd-session-end", false, 1, willWithDelay(topic, "session ended", 30));
            raw.close();
            long dropped = System.nanoTime();
            assertThat(text(sub.next())).as("long before the 30 s will delay").isEqualTo("session ended");
            assertThat((System.nanoTime() - dropped) / 1_000_000).as("not before the 1 s session expiry")
                    .isGreaterThanOrEqualTo(700);
        }
        SessionProbe.awaitGone(broker, "wd-session-end");
    }

    @Test
    void sessionExpiry0_willWithDelayIsPublishedAtOnce() throws Exception {
        String topic = "willd/no-session";
        try (Subscriber sub = Subscriber.on(broker, topic)) {
            RawMqttClient raw = connect("wd-no-session", true, 0, willWithDelay(topic, "at once", 30));
            raw.close();
            assertThat(text(sub.next())).isEqualTo("at once");
        }
    }

    @Test
    void reconnectWithCleanStartWithinTheDelay_endsTheSession_willIsPublishedAtOnce() throws Exception {
        String topic = "willd/clean-start";
        try (Subscriber sub = Subscriber.on(broker, topic)) {
            RawMqttClient raw = connect("wd-clean", false, 60, willWithDelay(topic, "old session ended", 30));
            raw.close();
            SessionProbe.awaitOffline(broker, "wd-clean");
            try (RawMqttClient back = connect("wd-clean", true, 0, null)) {
                assertThat(text(sub.next())).as("long before the 30 s will delay").isEqualTo("old session ended");
            }
        }
    }

    // ---- helpers ----

    private static Will willWithDelay(String topic, String payload, long delaySeconds) {
        return new Will(topic, bytes(payload), 1, false,
                MqttProperties.builder().willDelayInterval(delaySeconds).build());
    }

    /** A raw MQTT 5 client with this Clean Start, Session Expiry Interval and will. */
    private static RawMqttClient connect(String clientId, boolean cleanStart, long sessionExpiry, Will will)
            throws Exception {
        RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5);
        raw.send(new ConnectPacket(MqttVersion.MQTT_5, clientId, cleanStart, 60, null, null, will,
                MqttProperties.builder().sessionExpiryInterval(sessionExpiry).build()));
        assertThat(((ConnAckPacket) raw.receive()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        return raw;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Mqtt5Publish p) {
        return new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }
}
