package io.berth.core.protocol;

import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PubRecPacket;
import io.berth.codec.PubRelPacket;
import io.berth.codec.PubCompPacket;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.codec.SubAckPacket;
import io.berth.codec.SubscribePacket;
import io.berth.codec.SubscriptionRequest;
import io.berth.core.BrokerContext;
import io.berth.core.MqttSettings;
import io.berth.core.retain.InMemoryRetainedStore;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protocol engine without a network: packets in, packets out, on real single-thread executors standing
 * in for event loops, with a clock the test moves.
 */
class ConnectionTest {

    private final MutableClock clock = new MutableClock();
    private final EventExecutor loopA = new DefaultEventExecutor();
    private final EventExecutor loopB = new DefaultEventExecutor();
    private BrokerContext broker;
    private SessionLifecycle lifecycle;

    @BeforeEach
    void setUp() {
        broker = new BrokerContext(MqttSettings.defaults(), new InMemoryRetainedStore(), clock, "test");
        lifecycle = new SessionLifecycle(broker);
    }

    @AfterEach
    void tearDown() {
        loopA.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        loopB.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void connect_v5_answersConnAckWithTheServerLimits() throws Exception {
        Client c = connect(loopA, "c1", MqttProperties.EMPTY);
        ConnAckPacket ack = c.connAck;
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(ack.sessionPresent()).isFalse();
        assertThat(ack.properties().receiveMaximum()).isEqualTo(MqttSettings.defaults().maxInflight());
        assertThat(ack.properties().maximumPacketSize()).isEqualTo((long) MqttSettings.defaults().maxPacketSize());
        assertThat(c.transport.version).isEqualTo(MqttVersion.MQTT_5);
    }

    @Test
    void publish_fromAnotherEventLoop_reachesTheSubscriberOnItsOwnLoop() throws Exception {
        Client sub = connect(loopA, "sub", MqttProperties.EMPTY);
        sub.subscribe("a/+", 1);
        Client pub = connect(loopB, "pub", MqttProperties.EMPTY);

        pub.in(new PublishPacket("a/b", 1, false, false, 7, MqttProperties.EMPTY, text("hello")));

        assertThat(pub.transport.next()).isEqualTo(new PubAckPacket(7));
        RecordingTransport.Sent delivered = (RecordingTransport.Sent) sub.transport.next();
        assertThat(delivered.header().topic()).isEqualTo("a/b");
        assertThat(delivered.header().qos()).isEqualTo(1);
        assertThat(delivered.payload()).isEqualTo("hello");
    }

    @Test
    void qos2_resentBeforePubRel_isDeliveredOnce_MQTT_4_3_3_10() throws Exception {
        Client sub = connect(loopA, "sub2", MqttProperties.EMPTY);
        sub.subscribe("q2", 2);
        Client pub = connect(loopA, "pub2", MqttProperties.EMPTY);

        pub.in(new PublishPacket("q2", 2, false, false, 9, MqttProperties.EMPTY, text("once")));
        pub.in(new PublishPacket("q2", 2, false, true, 9, MqttProperties.EMPTY, text("once")));
        assertThat(pub.transport.next()).isEqualTo(new PubRecPacket(9));
        assertThat(pub.transport.next()).isEqualTo(new PubRecPacket(9));
        pub.in(new PubRelPacket(9));
        assertThat(pub.transport.next()).isEqualTo(new PubCompPacket(9));

        assertThat(((RecordingTransport.Sent) sub.transport.next()).payload()).isEqualTo("once");
        assertThat(sub.transport.idle()).as("the resent PUBLISH was not delivered again").isTrue();
    }

    @Test
    void queuedMessage_thatExpiresWhileTheWindowIsFull_isNotSent_MQTT_3_3_2_5() throws Exception {
        Client sub = connect(loopA, "slow", MqttProperties.builder().receiveMaximum(1).build());
        sub.subscribe("e", 1);
        Client pub = connect(loopA, "pub3", MqttProperties.EMPTY);
        MqttProperties expiresIn10s = MqttProperties.builder().messageExpiryInterval(10L).build();

        pub.in(new PublishPacket("e", 1, false, false, 1, MqttProperties.EMPTY, text("first")));
        pub.in(new PublishPacket("e", 1, false, false, 2, expiresIn10s, text("second")));
        RecordingTransport.Sent first = (RecordingTransport.Sent) sub.transport.next();
        assertThat(first.payload()).isEqualTo("first");
        assertThat(sub.transport.idle()).as("window of 1 is full").isTrue();

        clock.advanceSeconds(11);
        sub.in(new PubAckPacket(first.header().packetId()));

        assertThat(sub.transport.idle()).as("the expired message was dropped").isTrue();
        assertThat(broker.metrics().messagesDropped()).isEqualTo(1);
    }

    private Client connect(EventExecutor loop, String clientId, MqttProperties props) throws Exception {
        RecordingTransport t = new RecordingTransport(loop, clientId);
        Connection connection = loop.submit(() -> {
            Connection c = new Connection(broker, t, lifecycle);
            c.onOpen();
            c.onPacket(new ConnectPacket(MqttVersion.MQTT_5, clientId, true, 60, null, null, null, props));
            return c;
        }).get(5, TimeUnit.SECONDS);
        MqttPacket ack = (MqttPacket) t.next();
        assertThat(ack).isInstanceOf(ConnAckPacket.class);
        return new Client(loop, connection, t, (ConnAckPacket) ack);
    }

    private static io.netty.buffer.ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private record Client(EventExecutor loop, Connection connection, RecordingTransport transport,
                          ConnAckPacket connAck) {

        void in(MqttPacket packet) throws Exception {
            loop.submit(() -> connection.onPacket(packet)).get(5, TimeUnit.SECONDS);
        }

        void subscribe(String filter, int qos) throws Exception {
            in(new SubscribePacket(1, List.of(new SubscriptionRequest(filter, qos)), MqttProperties.EMPTY));
            assertThat(transport.next()).isEqualTo(new SubAckPacket(1, List.of(ReasonCode.grantedQos(qos)),
                    MqttProperties.EMPTY));
        }
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        void advanceSeconds(long s) {
            millis.addAndGet(s * 1000);
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
