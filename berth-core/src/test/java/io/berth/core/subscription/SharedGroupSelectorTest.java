package io.berth.core.subscription;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static io.berth.core.subscription.Subscriptions.shared;
import static org.assertj.core.api.Assertions.assertThat;

class SharedGroupSelectorTest {

    private final SharedGroupSelector selector = new SharedGroupSelector();

    @Test
    void select_allOnline_rotatesRoundRobin() {
        SharedGroup group = group(0, "a", "b", "c");

        assertThat(pick(group, Set.of("a", "b", "c"), 6)).containsExactly("a", "b", "c", "a", "b", "c");
    }

    @Test
    void select_skipsOfflineMembersAndStaysFair() {
        SharedGroup group = group(0, "a", "b", "c");

        assertThat(pick(group, Set.of("b", "c"), 6)).containsExactly("b", "c", "b", "c", "b", "c");
    }

    /** MQTT 5 section 4.8.2: with nobody online, the message still goes to a member and waits in its session. */
    @Test
    void select_noneOnline_fallsBackToAMemberInTurn() {
        SharedGroup group = group(0, "a", "b");

        assertThat(pick(group, Set.of(), 4)).containsExactly("a", "b", "a", "b");
    }

    @Test
    void select_emptyGroup_returnsNull() {
        SharedGroup group = new SharedGroup("g", "t", List.of(), new AtomicInteger());

        assertThat(selector.select(group, s -> true)).isNull();
    }

    /** The cursor wraps past Integer.MAX_VALUE: floorMod keeps the index in range. */
    @Test
    void select_counterOverflow_staysInRange() {
        SharedGroup group = group(Integer.MAX_VALUE - 2, "a", "b", "c");

        assertThat(pick(group, Set.of("a", "b", "c"), 8)).hasSize(8).doesNotContainNull();
    }

    @Test
    void select_groupsWithTheirOwnCursors_rotateIndependently() {
        SubscriptionTrie trie = new SubscriptionTrie();
        for (String client : List.of("a", "b")) {
            trie.subscribe(shared(client, "g", "x/+"));
            trie.subscribe(shared(client, "g", "x/#"));
        }
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            trie.match("x/1", new SubscriptionTrie.MatchConsumer() {
                @Override
                public void onSubscription(Subscription subscription) {
                }

                @Override
                public void onSharedGroup(SharedGroup group) {
                    chosen.add(group.filter() + "->" + selector.select(group, s -> true).clientId());
                }
            });
        }

        assertThat(chosen).containsExactlyInAnyOrder("x/+->a", "x/#->a", "x/+->b", "x/#->b");
    }

    private List<String> pick(SharedGroup group, Set<String> online, int times) {
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            Subscription s = selector.select(group, m -> online.contains(m.clientId()));
            picked.add(s == null ? null : s.clientId());
        }
        return picked;
    }

    private static SharedGroup group(int cursor, String... clients) {
        List<Subscription> members = new ArrayList<>();
        for (String client : clients) {
            members.add(shared(client, "g", "t"));
        }
        return new SharedGroup("g", "t", List.copyOf(members), new AtomicInteger(cursor));
    }
}
