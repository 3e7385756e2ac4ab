package io.berth.core.protocol;

import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.core.BrokerContext;
import io.berth.core.MqttSettings;
import io.berth.core.acl.Authorization;
import io.berth.core.auth.AuthenticationChain;
import io.berth.core.retain.InMemoryRetainedStore;
import io.berth.core.session.Session;
import io.berth.core.store.DurableState;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions expiring later than one sweep interval get no timer: the sweep ends them once overdue, and a client
 * connecting to an overdue session before the sweep came by gets a new session (spec 3.1.2.11.2). A clock the test
 * moves stands for the passing time.
 */
class SessionExpirySweepTest {

    private static final long SWEEP_MILLIS = 1_000;

    private final EventExecutor loop = new DefaultEventExecutor();
    private final TestClock clock = new TestClock();
    private BrokerContext broker;
    private SessionLifecycle lifecycle;

    @BeforeEach
    void setUp() {
        broker = new BrokerContext(MqttSettings.defaults(), new InMemoryRetainedStore(), clock, "test",
                AuthenticationChain.permitAll(), Authorization.disabled(), DurableState.memoryOnly());
        lifecycle = new SessionLifecycle(broker, SWEEP_MILLIS);
    }

    @AfterEach
    void tearDown() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void sweep_endsAnOverdueSessionOnly() throws Exception {
        connectAndLeave("a", 60);
        connectAndLeave("b", 600);
        Session a = broker.sessions().get("a");
        assertThat(a.expiresAtMillis()).isEqualTo(clock.millis() + 60_000);

        SessionExpirySweep sweep = new SessionExpirySweep(broker, lifecycle);
        assertThat(sweep.sweep()).isZero();
        clock.advance(60_001);
        assertThat(sweep.sweep()).isEqualTo(1);
        onLoop(() -> { });
        assertThat(broker.sessions().get("a")).isNull();
        assertThat(broker.sessions().get("b")).isNotNull();
    }

    @Test
    void connect_toAnOverdueSessionBeforeTheSweep_getsANewSession() throws Exception {
        connectAndLeave("late", 60);
        clock.advance(30_000);
        assertThat(connect("late", 60).sessionPresent()).as("not yet expired").isTrue();
        disconnect();
        clock.advance(60_001);
        assertThat(connect("late", 60).sessionPresent()).as("expired, the sweep not run").isFalse();
    }

    private Connection current;
    private RecordingTransport transport;

    private ConnAckPacket connect(String clientId, long expiry) throws Exception {
        transport = new RecordingTransport(loop, clientId);
        MqttProperties props = MqttProperties.builder().sessionExpiryInterval(expiry).build();
        onLoop(() -> {
            current = new Connection(broker, transport, lifecycle);
            current.onOpen();
            current.onPacket(new ConnectPacket(MqttVersion.MQTT_5, clientId, false, 60, null, null, null, props));
        });
        Object p = transport.next();
        assertThat(p).isInstanceOf(ConnAckPacket.class);
        return (ConnAckPacket) p;
    }

    private void disconnect() throws Exception {
        onLoop(() -> current.onPacket(new DisconnectPacket(ReasonCode.NORMAL_DISCONNECTION)));
    }

    private void connectAndLeave(String clientId, long expiry) throws Exception {
        connect(clientId, expiry);
        disconnect();
    }

    private void onLoop(Runnable r) throws Exception {
        loop.submit(r).get(5, TimeUnit.SECONDS);
    }

    private static final class TestClock extends Clock {
        private final AtomicLong now = new AtomicLong(1_800_000_000_000L);

        void advance(long millis) {
            now.addAndGet(millis);
        }

        @Override
        public long millis() {
            return now.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
