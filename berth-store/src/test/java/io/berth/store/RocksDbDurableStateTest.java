package io.berth.store;

import io.berth.codec.MqttProperties;
import io.berth.codec.Will;
import io.berth.core.store.StoredWill;
import io.berth.core.Message;
import io.berth.core.session.Delivery;
import io.berth.core.store.SessionRecord;
import io.berth.core.store.StoredMessage;
import io.berth.core.store.StoredSession;
import io.berth.core.subscription.Subscription;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RocksDbDurableStateTest {

    @TempDir
    Path dir;

    private static Message message(String topic, int qos, String payload, MqttProperties props) {
        return new Message(topic, qos, false, Unpooled.wrappedBuffer(payload.getBytes(StandardCharsets.UTF_8)),
                props, Message.NEVER_EXPIRES, "publisher", 1234L);
    }

    private static String text(Message m) {
        String s = m.payload().toString(StandardCharsets.UTF_8);
        m.release();
        return s;
    }

    private static void awaitDurable(RocksDbDurableState state) throws Exception {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        state.whenDurable(Runnable::run, done::complete);
        assertThat(done.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SyncMode.class)
    void sessionWithSubscriptionsMessagesAndQos2State_isRecoveredInOrder(SyncMode mode) throws Exception {
        MqttProperties props = MqttProperties.builder().contentType("text/plain").responseTopic("re/ply")
                .correlationData(new byte[] {1, 2}).payloadFormatIndicator(1).addUserProperty("k", "v").build();
        long[] ids = new long[4];
        try (RocksDbDurableState state = RocksDbDurableState.open(dir, mode)) {
            state.sessionPut(new SessionRecord("c1", 300, 5, 0));
            state.subscriptionPut(new Subscription("c1", "a/+", 2, true, false, 1, 7, null));
            state.subscriptionPut(new Subscription("c1", "s/#", 1, false, true, 0, 0, "g"));
            state.subscriptionPut(new Subscription("c1", "gone", 1, false, false, 0, 0, null));
            state.subscriptionDelete("c1", "gone");
            for (int i = 0; i < 4; i++) {
                ids[i] = state.nextMessageId();
                Message m = message("a/" + i, 2, "m" + i, props);
                state.messagePut("c1", ids[i], new Delivery(m, 1 + (i % 2), false, new int[] {7}, ids[i]));
                m.release();
            }
            state.messageSent("c1", ids[0], 10);
            state.messageSent("c1", ids[1], 11);
            state.messageReleased("c1", ids[1], 11);
            state.messageDelete("c1", ids[2]);
            state.awaitingReleasePut("c1", 99);
            state.awaitingReleasePut("c1", 98);
            state.awaitingReleaseDelete("c1", 98);
            awaitDurable(state);
        }
        try (RocksDbDurableState state = RocksDbDurableState.open(dir, mode)) {
            List<StoredSession> sessions = state.recoverSessions(System.currentTimeMillis());
            assertThat(sessions).hasSize(1);
            StoredSession s = sessions.get(0);
            assertThat(s.record()).isEqualTo(new SessionRecord("c1", 300, 5, 0));
            assertThat(s.subscriptions()).containsExactlyInAnyOrder(
                    new Subscription("c1", "a/+", 2, true, false, 1, 7, null),
                    new Subscription("c1", "s/#", 1, false, true, 0, 0, "g"));
            assertThat(s.awaitingRelease()).containsExactly(99);
            List<StoredMessage> msgs = s.messages();
            assertThat(msgs).hasSize(3);
            assertThat(msgs.get(0).packetId()).isEqualTo(10);
            assertThat(msgs.get(0).released()).isFalse();
            Delivery d0 = msgs.get(0).delivery();
            assertThat(d0.qos()).isEqualTo(1);
            assertThat(d0.subscriptionIds()).containsExactly(7);
            assertThat(d0.message().topic()).isEqualTo("a/0");
            assertThat(d0.message().properties()).isEqualTo(props);
            assertThat(d0.message().publisherClientId()).isEqualTo("publisher");
            assertThat(text(d0.message())).isEqualTo("m0");
            assertThat(msgs.get(1).released()).isTrue();
            assertThat(msgs.get(1).packetId()).isEqualTo(11);
            assertThat(msgs.get(1).delivery()).isNull();
            assertThat(msgs.get(2).packetId()).isZero();
            assertThat(text(msgs.get(2).delivery().message())).isEqualTo("m3");
            assertThat(state.nextMessageId()).isGreaterThan(ids[3]);
        }
    }

    @Test
    void expiredSessions_andRecordsWithoutSession_areDroppedAtRecovery() throws Exception {
        long now = System.currentTimeMillis();
        try (RocksDbDurableState state = RocksDbDurableState.open(dir, SyncMode.BATCH)) {
            state.sessionPut(new SessionRecord("old", 10, 4, now - 11_000));
            state.sessionPut(new SessionRecord("young", 10, 4, now - 5_000));
            state.sessionPut(new SessionRecord("forever", 0xFFFFFFFFL, 5, now - 1_000_000_000L));
            state.subscriptionPut(new Subscription("old", "x", 1, false, false, 0, 0, null));
            state.subscriptionPut(new Subscription("orphan", "x", 1, false, false, 0, 0, null));
            Message m = message("x", 1, "p", MqttProperties.EMPTY);
            state.messagePut("old", state.nextMessageId(), new Delivery(m, 1, false, Delivery.NO_IDS, 1));
            m.release();
            awaitDurable(state);
        }
        try (RocksDbDurableState state = RocksDbDurableState.open(dir, SyncMode.BATCH)) {
            assertThat(state.recoverSessions(now)).extracting(s -> s.record().clientId())
                    .containsExactlyInAnyOrder("young", "forever");
        }
        try (RocksDbDurableState state = RocksDbDurableState.open(dir, SyncMode.BATCH)) {
            assertThat(StoreCheck.run(dir).counts().get("subscriptions")).isZero();
            assertThat(StoreCheck.run(dir).counts().get("messages")).isZero();
            state.sessionDelete("young");
            awaitDurable(state);
        }
        try (RocksDbDurableState state = RocksDbDurableState.open(dir, SyncMode.BATCH)) {
            assertThat(state.recoverSessions(now)).extracting(s -> s.record().clientId()).containsExactly("forever");
        }
    }

    @Test
    void retainedMessages_areRecovered_andRemovalsKept() throws Exception {
        try (RocksDbDurableState state = RocksDbDurableState.open(dir, SyncMode.BATCH)) {
            for (String t : List.of("r/1", "r/2", "r/3")) {
                Message m = message(t, 1, t, MqttProperties.EMPTY);
                state.retainedPut(m);
                m.release();
            }
            state.retainedRemove("r/2");
            awaitDurable(state);
        }
        try (RocksDbDurableState state = RocksDbDurableState.open(dir, SyncMode.BATCH)) {
            List<String> got = new ArrayList<>();
            state.recoverRetained(m -> got.add(m.topic() + "=" + text(m) + ",retain=" + m.retain()));
            assertThat(got).containsExactlyInAnyOrder("r/1=r/1,retain=true", "r/3=r/3,retain=true");
        }
    }

    @Test
    void aStoreInUse_isRefusedWithAClearMessage() {
        try (RocksDbDurableState state = RocksDbDurableState.open(dir, SyncMode.BATCH)) {
            assertThatThrownBy(() -> RocksDbDurableState.open(dir, SyncMode.BATCH))
                    .isInstanceOf(StoreException.class).hasMessageContaining("in use by another process");
        }
    }

    @Test
    void aCorruptStore_stopsOpeningWithTheCommandToCheckIt() throws Exception {
        try (RocksDbDurableState state = RocksDbDurableState.open(dir, SyncMode.BATCH)) {
            state.sessionPut(new SessionRecord("c", 60, 4, 0));
            awaitDurable(state);
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("MANIFEST")).toList()) {
                Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
            }
        }
        assertThatThrownBy(() -> RocksDbDurableState.open(dir, SyncMode.BATCH))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot be opened")
                .hasMessageContaining("berth store check --dir " + dir.toAbsolutePath().normalize());
    }

    @Test
    void wills_areStoredWithTheirPropertiesReplacedAndDeleted() throws Exception {
        MqttProperties props = MqttProperties.builder().contentType("text/plain").messageExpiryInterval(60L)
                .willDelayInterval(30L).addUserProperty("k", "v").build();
        Will will = new Will("status/c1", "gone".getBytes(StandardCharsets.UTF_8), 1, true, props);
        try (RocksDbDurableState state = RocksDbDurableState.open(dir, SyncMode.BATCH)) {
            state.willPut(new StoredWill("c1", will, 30, StoredWill.ARMED));
            state.willPut(new StoredWill("c2", will, 30, StoredWill.ARMED));
            state.willPut(new StoredWill("c1", will, 30, 99_000L));
            state.willDelete("c2");
            awaitDurable(state);
        }
        try (RocksDbDurableState state = RocksDbDurableState.open(dir, SyncMode.BATCH)) {
            List<StoredWill> wills = state.recoverWills();
            assertThat(wills).hasSize(1);
            StoredWill w = wills.get(0);
            assertThat(w.clientId()).isEqualTo("c1");
            assertThat(w.dueAtMillis()).isEqualTo(99_000L);
            assertThat(w.delaySeconds()).isEqualTo(30);
            assertThat(w.will().topic()).isEqualTo("status/c1");
            assertThat(w.will().qos()).isEqualTo(1);
            assertThat(w.will().retain()).isTrue();
            assertThat(new String(w.will().payload(), StandardCharsets.UTF_8)).isEqualTo("gone");
            assertThat(w.will().properties().contentType()).isEqualTo("text/plain");
            assertThat(w.will().properties().messageExpiryInterval()).isEqualTo(60L);
            assertThat(w.will().properties().userProperties()).hasSize(1);
        }
        assertThat(StoreCheck.run(dir).ok()).isTrue();
    }
}
