package io.berth.core.protocol;

import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PubRecPacket;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.codec.SubAckPacket;
import io.berth.codec.SubscribePacket;
import io.berth.codec.SubscriptionRequest;
import io.berth.core.BrokerContext;
import io.berth.core.Message;
import io.berth.core.MqttSettings;
import io.berth.core.retain.InMemoryRetainedStore;
import io.berth.core.session.Delivery;
import io.berth.core.store.DurableState;
import io.berth.core.store.SessionRecord;
import io.berth.core.store.StoredSession;
import io.berth.core.subscription.Subscription;
import io.berth.core.acl.Authorization;
import io.berth.core.auth.AuthenticationChain;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's use of the durable store: what a persistent session writes, and PUBACK/PUBREC held until the
 * store says the message is durable, in order. The store here records writes and completes barriers when the test
 * says so (the RocksDB implementation is tested in berth-store and end to end in berth-it).
 */
class DurableAcksTest {

    private final EventExecutor loop = new DefaultEventExecutor();
    private final GatedState store = new GatedState();
    private BrokerContext broker;
    private SessionLifecycle lifecycle;

    @BeforeEach
    void setUp() {
        broker = new BrokerContext(MqttSettings.defaults(), new InMemoryRetainedStore(), Clock.systemUTC(), "test",
                AuthenticationChain.permitAll(), Authorization.disabled(), store);
        lifecycle = new SessionLifecycle(broker);
    }

    @AfterEach
    void tearDown() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void pubAck_forAMessageStoredForAPersistentSubscriber_waitsUntilItIsDurable() throws Exception {
        RecordingTransport sub = connect("sub", 60);
        subscribe(sub, "t", 1);
        RecordingTransport pub = connect("pub", 0);
        assertThat(store.writes).contains("session sub 60", "subscription sub t").doesNotContain("session pub 0");

        in(pub, new PublishPacket("t", 1, false, false, 5, MqttProperties.EMPTY, text("m")));
        assertThat(store.writes).anyMatch(w -> w.startsWith("message sub "));
        assertThat(pub.idle()).as("PUBACK held until the write is durable").isTrue();

        store.completeBarriers(true);
        assertThat(pub.next()).isEqualTo(new PubAckPacket(5));
        RecordingTransport.Sent delivered = (RecordingTransport.Sent) sub.next();
        assertThat(store.writes).contains("sent sub " + delivered.header().packetId());
        in(sub, new PubAckPacket(delivered.header().packetId()));
        assertThat(store.writes).anyMatch(w -> w.startsWith("delete sub "));
    }

    @Test
    void laterAcknowledgements_waitBehindAHeldOne_soTheyKeepTheOrderOfThePublishes() throws Exception {
        RecordingTransport sub = connect("sub", 60);
        subscribe(sub, "stored", 1);
        RecordingTransport pub = connect("pub", 0);

        in(pub, new PublishPacket("stored", 1, false, false, 1, MqttProperties.EMPTY, text("a")));
        in(pub, new PublishPacket("nobody", 1, false, false, 2, MqttProperties.EMPTY, text("b")));
        assertThat(pub.idle()).isTrue();
        store.completeBarriers(true);
        assertThat(pub.next()).isEqualTo(new PubAckPacket(1));
        assertThat(pub.next()).isEqualTo(new PubAckPacket(2, ReasonCode.NO_MATCHING_SUBSCRIBERS,
                MqttProperties.EMPTY));
    }

    @Test
    void aFailedWrite_answersQuotaExceeded_MQTT5() throws Exception {
        RecordingTransport sub = connect("sub", 60);
        subscribe(sub, "full", 2);
        RecordingTransport pub = connect("pub", 0);

        in(pub, new PublishPacket("full", 2, false, false, 3, MqttProperties.EMPTY, text("x")));
        store.completeBarriers(false);
        assertThat(pub.next()).isEqualTo(new PubRecPacket(3, ReasonCode.QUOTA_EXCEEDED, MqttProperties.EMPTY));
    }

    @Test
    void nonPersistentSessions_writeNothing_andAreAcknowledgedAtOnce() throws Exception {
        RecordingTransport sub = connect("sub", 0);
        subscribe(sub, "t", 1);
        RecordingTransport pub = connect("pub", 0);
        in(pub, new PublishPacket("t", 1, false, false, 9, MqttProperties.EMPTY, text("m")));
        assertThat(pub.next()).isEqualTo(new PubAckPacket(9));
        assertThat(store.writes).isEmpty();
    }

    private RecordingTransport connect(String clientId, long expiry) throws Exception {
        RecordingTransport t = new RecordingTransport(loop, clientId);
        MqttProperties props = expiry > 0 ? MqttProperties.builder().sessionExpiryInterval(expiry).build()
                : MqttProperties.EMPTY;
        loop.submit(() -> {
            Connection c = new Connection(broker, t, lifecycle);
            connections.add(c);
            c.onOpen();
            c.onPacket(new ConnectPacket(MqttVersion.MQTT_5, clientId, true, 60, null, null, null, props));
        }).get(5, TimeUnit.SECONDS);
        assertThat(t.next()).isInstanceOf(ConnAckPacket.class);
        return t;
    }

    private final List<Connection> connections = new CopyOnWriteArrayList<>();

    private void in(RecordingTransport t, MqttPacket packet) throws Exception {
        Connection c = connections.stream().filter(x -> x.transport == t).findFirst().orElseThrow();
        loop.submit(() -> c.onPacket(packet)).get(5, TimeUnit.SECONDS);
    }

    private void subscribe(RecordingTransport t, String filter, int qos) throws Exception {
        in(t, new SubscribePacket(1, List.of(new SubscriptionRequest(filter, qos)), MqttProperties.EMPTY));
        assertThat(t.next()).isEqualTo(new SubAckPacket(1, List.of(ReasonCode.grantedQos(qos)),
                MqttProperties.EMPTY));
    }

    private static io.netty.buffer.ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    /** Records writes as text; barriers wait for {@link #completeBarriers}. */
    private static final class GatedState implements DurableState {
        final List<String> writes = new CopyOnWriteArrayList<>();
        private final ConcurrentLinkedQueue<Runnable> barriers = new ConcurrentLinkedQueue<>();
        private final AtomicLong ids = new AtomicLong();
        private volatile boolean ok = true;

        void completeBarriers(boolean result) {
            ok = result;
            Runnable r;
            while ((r = barriers.poll()) != null) {
                r.run();
            }
        }

        @Override public boolean enabled() { return true; }
        @Override public boolean holdsAcknowledgements() { return true; }
        @Override public long nextMessageId() { return ids.incrementAndGet(); }
        @Override public void retainedPut(Message m) { writes.add("retained " + m.topic()); }
        @Override public void retainedRemove(String topic) { writes.add("unretain " + topic); }
        @Override public void sessionPut(SessionRecord r) {
            writes.add("session " + r.clientId() + " " + r.expiryIntervalSeconds());
        }
        @Override public void sessionDelete(String clientId) { writes.add("end " + clientId); }
        @Override public void subscriptionPut(Subscription s) {
            writes.add("subscription " + s.clientId() + " " + s.fullTopicFilter());
        }
        @Override public void subscriptionDelete(String c, String f) { writes.add("unsubscribe " + c + " " + f); }
        @Override public void messagePut(String c, long id, Delivery d) { writes.add("message " + c + " " + id); }
        @Override public void messageSent(String c, long id, int p) { writes.add("sent " + c + " " + p); }
        @Override public void messageReleased(String c, long id, int p) { writes.add("released " + c + " " + p); }
        @Override public void messageDelete(String c, long id) { writes.add("delete " + c + " " + id); }
        @Override public void awaitingReleasePut(String c, int p) { writes.add("awaiting " + c + " " + p); }
        @Override public void awaitingReleaseDelete(String c, int p) { writes.add("released-in " + c + " " + p); }

        @Override
        public void whenDurable(Executor executor, Consumer<Boolean> callback) {
            barriers.add(() -> executor.execute(() -> callback.accept(ok)));
        }

        @Override public void recoverRetained(Consumer<Message> consumer) { }
        @Override public List<StoredSession> recoverSessions(long nowMillis) { return new ArrayList<>(); }
        @Override public void close() { }
    }
}
