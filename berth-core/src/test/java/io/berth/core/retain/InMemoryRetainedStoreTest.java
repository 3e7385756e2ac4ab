package io.berth.core.retain;

import io.berth.core.Message;
import io.berth.core.subscription.ReferenceMatcher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.berth.core.retain.RetainedMessages.consume;
import static io.berth.core.retain.RetainedMessages.message;
import static io.berth.core.retain.RetainedMessages.payload;
import static io.berth.core.retain.RetainedMessages.put;
import static io.berth.core.retain.RetainedMessages.topicsAndRelease;
import static org.assertj.core.api.Assertions.assertThat;

class InMemoryRetainedStoreTest {

    private final InMemoryRetainedStore store = new InMemoryRetainedStore();

    @Test
    void put_storesACopyAndLeavesTheCallersBufferAlone() {
        Message m = message("a/b", "hello");
        ByteBuf payload = m.payload();
        try {
            store.put(m);
            assertThat(payload.refCnt()).isEqualTo(1);
            assertThat(payload.readerIndex()).isZero();
            payload.setByte(0, 'J'); // the caller may reuse its buffer: the store kept its own bytes
        } finally {
            m.release();
        }

        Message got = store.get("a/b");
        assertThat(got.retain()).isTrue();
        assertThat(got.qos()).isEqualTo(1);
        assertThat(got.publisherClientId()).isEqualTo("publisher");
        assertThat(consume(got)).isEqualTo("hello");
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void put_payloadWithReadIndexMoved_storesOnlyTheReadableBytes() {
        ByteBuf buf = Unpooled.copiedBuffer("xxhello", StandardCharsets.UTF_8);
        buf.skipBytes(2);
        Message m = new Message("t", 0, true, buf, null, Message.NEVER_EXPIRES, "p", 0L);
        try {
            store.put(m);
            assertThat(buf.readerIndex()).isEqualTo(2);
        } finally {
            m.release();
        }

        assertThat(consume(store.get("t"))).isEqualTo("hello");
    }

    /** MQTT-3.3.1-5: a new retained message replaces the previous one of the topic. */
    @Test
    void put_sameTopic_replacesPreviousMessage() {
        put(store, "a/b", "one");
        put(store, "a/b", "two");

        assertThat(consume(store.get("a/b"))).isEqualTo("two");
        assertThat(store.size()).isEqualTo(1);
    }

    /** MQTT-3.3.1-6, MQTT-3.3.1-7 (3.1.1: MQTT-3.3.1-10, -11): an empty payload deletes and is not stored. */
    @Test
    void put_emptyPayload_deletesRetainedMessageAndStoresNothing() {
        put(store, "a/b", "one");
        put(store, "a/b", "");

        assertThat(store.get("a/b")).isNull();
        assertThat(store.size()).isZero();
        assertThat(store.nodeCount()).isZero();

        put(store, "never/stored", "");
        assertThat(store.get("never/stored")).isNull();
        assertThat(store.nodeCount()).isZero();
    }

    @Test
    void get_returnsAFreshBufferPerCall() {
        put(store, "t", "data");

        Message first = store.get("t");
        Message second = store.get("t");
        first.payload().readByte();
        first.release();

        assertThat(first.payload().refCnt()).isZero();
        assertThat(second.payload().refCnt()).isEqualTo(1);
        assertThat(consume(second)).isEqualTo("data");
    }

    @Test
    void get_unknownOrIntermediateTopic_returnsNull() {
        put(store, "a/b/c", "x");

        assertThat(store.get("a/b")).isNull();
        assertThat(store.get("a/b/c/d")).isNull();
        assertThat(store.get("a/b/")).isNull();
    }

    /** MQTT-4.7.1-2, MQTT-4.7.1-3, MQTT-4.7.2-1, MQTT-4.7.3-4: the same table as the subscription trie. */
    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @MethodSource("io.berth.core.subscription.WildcardCases#cases")
    void match_followsWildcardRules(String filter, String topic, boolean expected) {
        put(store, topic, "p");

        List<Message> found = store.match(filter, 0L);

        assertThat(topicsAndRelease(found)).isEqualTo(expected ? List.of(topic) : List.of());
    }

    @Test
    void match_randomTopicsAndFilters_agreeWithReferenceMatcher() {
        Random random = new Random(7);
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String topic = randomName(random, false);
            if (!topics.contains(topic)) {
                topics.add(topic);
                put(store, topic, "p");
            }
        }
        for (int i = 0; i < 1_000; i++) {
            String filter = randomName(random, true);
            List<String> expected = topics.stream().filter(t -> ReferenceMatcher.matches(filter, t)).sorted().toList();
            assertThat(topicsAndRelease(store.match(filter, 0L))).as(filter).isEqualTo(expected);
        }
    }

    /** MQTT-4.7.2-1: "#" does not return $SYS topics; "$SYS/#" does. */
    @Test
    void match_dollarTopics_needAFilterStartingWithTheDollarLevel() {
        put(store, "$SYS/broker/version", "1");
        put(store, "status", "ok");

        assertThat(topicsAndRelease(store.match("#", 0L))).containsExactly("status");
        assertThat(topicsAndRelease(store.match("+/broker/version", 0L))).isEmpty();
        assertThat(topicsAndRelease(store.match("$SYS/#", 0L))).containsExactly("$SYS/broker/version");
    }

    /** MQTT-3.3.2-5: an expired retained message is not delivered; the store drops it. */
    @Test
    void match_expiredMessage_isSkippedAndRemoved() {
        Message expiring = message("a/old", "old", 5_000L);
        try {
            store.put(expiring);
        } finally {
            expiring.release();
        }
        put(store, "a/new", "new");

        assertThat(topicsAndRelease(store.match("a/+", 4_999L))).containsExactly("a/new", "a/old");
        assertThat(store.size()).isEqualTo(2);

        assertThat(topicsAndRelease(store.match("a/+", 5_000L))).containsExactly("a/new");
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.get("a/old")).isNull();
    }

    @Test
    void match_returnsMessagesWithExpiryAndPayloadOwnedByTheCaller() {
        Message m = message("a", "payload", 9_000L);
        try {
            store.put(m);
        } finally {
            m.release();
        }

        List<Message> found = store.match("a", 1_000L);

        assertThat(found).singleElement().satisfies(r -> {
            assertThat(r.expiresAtMillis()).isEqualTo(9_000L);
            assertThat(r.remainingExpirySeconds(1_000L)).isEqualTo(8L);
            assertThat(r.payload().refCnt()).isEqualTo(1);
            assertThat(payload(r)).isEqualTo("payload");
        });
        found.forEach(Message::release);
    }

    @Test
    void remove_existingAndMissingTopics() {
        put(store, "a/b", "x");
        put(store, "a", "y");

        assertThat(store.remove("a/b")).isTrue();
        assertThat(store.remove("a/b")).isFalse();
        assertThat(store.remove("a/b/c")).isFalse();
        assertThat(store.remove("zzz")).isFalse();

        assertThat(consume(store.get("a"))).isEqualTo("y");
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.nodeCount()).isEqualTo(1);
    }

    @Test
    void remove_everyTopic_leavesNoNodes() {
        List<String> topics = List.of("a", "a/b", "a/b/c", "/", "//", "a//b", "$SYS/x", "x/y/z");
        topics.forEach(t -> put(store, t, "v"));
        assertThat(store.size()).isEqualTo(topics.size());

        topics.forEach(t -> assertThat(store.remove(t)).as(t).isTrue());

        assertThat(store.size()).isZero();
        assertThat(store.nodeCount()).isZero();
    }

    @Test
    void clear_removesEverything() {
        put(store, "a/b", "x");
        put(store, "c", "y");

        store.clear();

        assertThat(store.size()).isZero();
        assertThat(store.nodeCount()).isZero();
        assertThat(store.match("#", 0L)).isEmpty();
        put(store, "a/b", "z");
        assertThat(consume(store.get("a/b"))).isEqualTo("z");
    }

    private static String randomName(Random random, boolean filter) {
        String[] levels = {"a", "b", "", "$s"};
        int count = 1 + random.nextInt(4);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append('/');
            }
            int pick = random.nextInt(filter ? 6 : 4);
            if (pick == 5 && i == count - 1) {
                sb.append('#');
            } else if (pick >= 4) {
                sb.append('+');
            } else {
                sb.append(levels[pick]);
            }
        }
        return sb.isEmpty() ? randomName(random, filter) : sb.toString();
    }
}
