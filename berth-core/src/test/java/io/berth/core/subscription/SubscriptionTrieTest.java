package io.berth.core.subscription;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.berth.core.subscription.Subscriptions.shared;
import static io.berth.core.subscription.Subscriptions.sub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Adding, replacing and removing subscriptions in {@link SubscriptionTrie}, shared groups and pruning. */
class SubscriptionTrieTest {

    private final SubscriptionTrie trie = new SubscriptionTrie();

    /** MQTT-3.8.4-3: an identical filter from the same session replaces the subscription. */
    @Test
    void subscribe_sameClientAndFilter_replacesExistingSubscription() {
        assertThat(trie.subscribe(sub("c1", "a/+", 0))).isFalse();
        assertThat(trie.subscribe(sub("c1", "a/+", 2))).isTrue();

        Matches m = Matches.of(trie, "a/b");
        assertThat(m.subscriptions).singleElement().extracting(Subscription::qos).isEqualTo(2);
        assertThat(trie.size()).isEqualTo(1);
    }

    @Test
    void subscribe_sameFilterFromAnotherClient_addsSubscription() {
        trie.subscribe(sub("c1", "a/b"));
        assertThat(trie.subscribe(sub("c2", "a/b"))).isFalse();

        assertThat(Matches.of(trie, "a/b").clientIds()).containsExactly("c1", "c2");
        assertThat(trie.size()).isEqualTo(2);
    }

    /** MQTT-3.3.4-2: overlapping filters of one client are each reported; the router merges them. */
    @Test
    void match_overlappingFiltersOfOneClient_reportsEachSubscription() {
        trie.subscribe(sub("c1", "a/+"));
        trie.subscribe(sub("c1", "a/#"));
        trie.subscribe(sub("c1", "a/b"));

        assertThat(Matches.of(trie, "a/b").subscriptions).extracting(Subscription::topicFilter)
                .containsExactlyInAnyOrder("a/+", "a/#", "a/b");
    }

    /** MQTT-3.10.4-1: unsubscribe compares the filter character by character; no wildcard matching. */
    @Test
    void unsubscribe_removesOnlyTheIdenticalFilter() {
        trie.subscribe(sub("c1", "a/+"));
        trie.subscribe(sub("c1", "a/b"));

        assertThat(trie.unsubscribe("c1", null, "a/b")).isTrue();
        assertThat(trie.unsubscribe("c1", null, "a/b")).isFalse();
        assertThat(trie.unsubscribe("c1", null, "a/c")).isFalse();
        assertThat(trie.unsubscribe("c2", null, "a/+")).isFalse();

        assertThat(Matches.of(trie, "a/b").subscriptions).extracting(Subscription::topicFilter)
                .containsExactly("a/+");
        assertThat(trie.size()).isEqualTo(1);
    }

    @Test
    void unsubscribe_unknownFilter_returnsFalseAndCreatesNoNodes() {
        assertThat(trie.unsubscribe("c1", null, "x/y/z")).isFalse();
        assertThat(trie.unsubscribe("c1", "g", "#")).isFalse();
        assertThat(trie.nodeCount()).isZero();
    }

    /** MQTT-4.7.1-2, MQTT-4.7.1-3, MQTT-4.7.3-1: malformed filters are refused before touching the tree. */
    @Test
    void subscribe_malformedFilter_isRejected() {
        for (String bad : List.of("", "a/#/b", "a#", "a/b+", "+a/b", "#/", "a/\u0000")) {
            assertThatThrownBy(() -> trie.subscribe(sub("c1", bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(trie.nodeCount()).isZero();
        assertThat(trie.size()).isZero();
    }

    /** MQTT 5 section 4.8.2: a group is reported once per message, with all its members. */
    @Test
    void match_sharedGroup_isReportedOnceWithAllMembers() {
        trie.subscribe(shared("c1", "g", "a/+"));
        trie.subscribe(shared("c2", "g", "a/+"));
        trie.subscribe(shared("c3", "g", "a/+"));
        trie.subscribe(sub("c1", "a/+"));

        Matches m = Matches.of(trie, "a/b");

        assertThat(m.groups).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("g");
            assertThat(g.filter()).isEqualTo("a/+");
            assertThat(g.members()).extracting(Subscription::clientId).containsExactly("c1", "c2", "c3");
        });
        assertThat(m.clientIds()).containsExactly("c1");
        assertThat(trie.size()).isEqualTo(4);
        assertThat(trie.sharedGroupCount()).isEqualTo(1);
    }

    /** MQTT 5 section 4.8.2: $share/g/a/+ and $share/g/a/# are two groups, each gets the message. */
    @Test
    void match_sameShareNameWithDifferentFilters_areSeparateGroups() {
        trie.subscribe(shared("c1", "g", "a/+"));
        trie.subscribe(shared("c2", "g", "a/#"));
        trie.subscribe(shared("c3", "h", "a/+"));

        assertThat(Matches.of(trie, "a/b").groupKeys()).containsExactly("g|a/#", "g|a/+", "h|a/+");
        assertThat(trie.sharedGroupCount()).isEqualTo(3);
    }

    @Test
    void match_queueGroup_isASharedGroupNamedQueue() {
        SharedFilter parsed = SharedFilter.parse("$queue/jobs/+");
        trie.subscribe(shared("w1", parsed.group(), parsed.filter()));
        trie.subscribe(shared("w2", parsed.group(), parsed.filter()));

        assertThat(Matches.of(trie, "jobs/1").groups).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("$queue");
            assertThat(g.members()).hasSize(2);
        });
    }

    @Test
    void subscribe_sameClientSharedAndNonShared_areDistinctSubscriptions() {
        assertThat(trie.subscribe(sub("c1", "a/b"))).isFalse();
        assertThat(trie.subscribe(shared("c1", "g", "a/b"))).isFalse();
        assertThat(trie.subscribe(shared("c1", "g", "a/b"))).isTrue();

        assertThat(trie.size()).isEqualTo(2);
        assertThat(trie.unsubscribe("c1", "g", "a/b")).isTrue();
        assertThat(Matches.of(trie, "a/b").clientIds()).containsExactly("c1");
        assertThat(Matches.of(trie, "a/b").groups).isEmpty();
    }

    @Test
    void subscribe_replacingSharedMember_keepsOtherMembersAndRoundRobinCursor() {
        trie.subscribe(shared("c1", "g", "t"));
        trie.subscribe(shared("c2", "g", "t"));
        SharedGroup before = Matches.of(trie, "t").groups.get(0);

        assertThat(trie.subscribe(new Subscription("c1", "t", 2, false, false, 0, 7, "g"))).isTrue();

        SharedGroup after = Matches.of(trie, "t").groups.get(0);
        assertThat(after.members()).extracting(Subscription::qos).containsExactly(2, 1);
        assertThat(after.cursor()).isSameAs(before.cursor());
        assertThat(before.members()).extracting(Subscription::qos).as("old snapshot unchanged")
                .containsExactly(1, 1);
    }

    @Test
    void unsubscribe_lastSharedMember_removesTheGroup() {
        trie.subscribe(shared("c1", "g", "t"));
        trie.subscribe(shared("c2", "g", "t"));

        trie.unsubscribe("c1", "g", "t");
        assertThat(Matches.of(trie, "t").groups).singleElement()
                .satisfies(g -> assertThat(g.members()).extracting(Subscription::clientId).containsExactly("c2"));
        trie.unsubscribe("c2", "g", "t");

        assertThat(Matches.of(trie, "t").groups).isEmpty();
        assertThat(trie.sharedGroupCount()).isZero();
        assertThat(trie.nodeCount()).isZero();
    }

    @Test
    void unsubscribe_everything_leavesAnEmptyTrie() {
        List<Subscription> all = new ArrayList<>();
        for (String filter : List.of("a", "a/b", "a/b/c", "a/+/c", "a/#", "#", "+", "+/+", "/", "//", "a//b",
                "$SYS/#", "sport/tennis/player1/#")) {
            all.add(sub("c1", filter));
            all.add(sub("c2", filter));
            all.add(shared("c3", "g", filter));
            all.add(shared("c4", "h", filter));
        }
        all.forEach(trie::subscribe);
        assertThat(trie.nodeCount()).isPositive();

        for (Subscription s : all) {
            assertThat(trie.unsubscribe(s.clientId(), s.shareGroup(), s.topicFilter())).isTrue();
        }

        assertThat(trie.size()).isZero();
        assertThat(trie.sharedGroupCount()).isZero();
        assertThat(trie.nodeCount()).isZero();
        assertThat(trie.root().isEmpty()).isTrue();
    }

    /** Distinct topics that come and go leave nothing behind, including the child tables of wide nodes. */
    @Test
    void unsubscribe_manyDistinctTopics_shrinksChildTablesAndPrunesNodes() {
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            trie.subscribe(sub("c" + i, "devices/" + i + "/telemetry"));
        }
        TrieNode devices = trie.root().child("devices");
        assertThat(devices.childCount()).isEqualTo(n);
        assertThat(devices.tableCapacity()).isGreaterThanOrEqualTo(2 * n);

        for (int i = 0; i < n - 10; i++) {
            assertThat(trie.unsubscribe("c" + i, null, "devices/" + i + "/telemetry")).isTrue();
        }
        assertThat(devices.tableCapacity()).isLessThanOrEqualTo(64);
        for (int i = n - 10; i < n; i++) {
            assertThat(Matches.of(trie, "devices/" + i + "/telemetry").clientIds()).containsExactly("c" + i);
        }
        assertThat(trie.nodeCount()).isEqualTo(1 + 2 * 10);

        for (int i = n - 10; i < n; i++) {
            trie.unsubscribe("c" + i, null, "devices/" + i + "/telemetry");
        }
        assertThat(trie.nodeCount()).isZero();
        assertThat(trie.root().tableCapacity()).isZero();
    }

    /** Repeated add/remove of siblings reuses tombstones without growing the table without bound. */
    @Test
    void subscribeUnsubscribe_churnOfSiblings_keepsTableBoundedAndLookupsCorrect() {
        trie.subscribe(sub("stable", "x/keep"));
        for (int round = 0; round < 20_000; round++) {
            String filter = "x/t" + round;
            trie.subscribe(sub("c", filter));
            assertThat(Matches.of(trie, filter).clientIds()).containsExactly("c");
            trie.unsubscribe("c", null, filter);
        }
        assertThat(trie.root().child("x").tableCapacity()).isLessThanOrEqualTo(8);
        assertThat(Matches.of(trie, "x/keep").clientIds()).containsExactly("stable");
        assertThat(trie.nodeCount()).isEqualTo(2);
    }
}
