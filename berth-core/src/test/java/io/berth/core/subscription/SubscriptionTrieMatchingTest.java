package io.berth.core.subscription;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.berth.core.subscription.Subscriptions.shared;
import static io.berth.core.subscription.Subscriptions.sub;
import static org.assertj.core.api.Assertions.assertThat;

/** Wildcard semantics of {@link SubscriptionTrie#match} (MQTT 5 section 4.7). */
class SubscriptionTrieMatchingTest {

    /** MQTT-4.7.1-2, MQTT-4.7.1-3, MQTT-4.7.2-1, MQTT-4.7.3-4: the spec's examples, one filter at a time. */
    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @MethodSource("io.berth.core.subscription.WildcardCases#cases")
    void match_followsWildcardRules(String filter, String topic, boolean expected) {
        SubscriptionTrie trie = new SubscriptionTrie();
        trie.subscribe(sub("c", filter));

        assertThat(Matches.of(trie, topic).subscriptions).hasSize(expected ? 1 : 0);
        assertThat(ReferenceMatcher.matches(filter, topic)).as("reference matcher").isEqualTo(expected);
    }

    /** The same rules hold for the filter of a shared subscription: MQTT-4.7.2-1 applies after the prefix. */
    @ParameterizedTest(name = "$share/g/{0} ~ {1} -> {2}")
    @MethodSource("io.berth.core.subscription.WildcardCases#cases")
    void match_sharedGroupFollowsWildcardRules(String filter, String topic, boolean expected) {
        SubscriptionTrie trie = new SubscriptionTrie();
        trie.subscribe(shared("c", "g", filter));

        assertThat(Matches.of(trie, topic).groups).hasSize(expected ? 1 : 0);
    }

    /** All the table's filters in one trie: a topic gets exactly the filters that match it, each once. */
    @Test
    void match_withManyFilters_reportsEachMatchingFilterOnce() {
        SubscriptionTrie trie = new SubscriptionTrie();
        List<String> filters = WildcardCases.cases().map(a -> (String) a.get()[0]).distinct().toList();
        for (int i = 0; i < filters.size(); i++) {
            trie.subscribe(sub(filters.get(i), filters.get(i)));
        }
        WildcardCases.cases().map(a -> (String) a.get()[1]).distinct().forEach(topic -> {
            List<String> expected = filters.stream().filter(f -> ReferenceMatcher.matches(f, topic)).sorted().toList();
            assertThat(Matches.of(trie, topic).clientIds()).as(topic).isEqualTo(expected);
        });
    }

    /** Random filters and topics over a small alphabet, against the reference matcher. */
    @Test
    void match_randomFiltersAndTopics_agreeWithReferenceMatcher() {
        Random random = new Random(42);
        SubscriptionTrie trie = new SubscriptionTrie();
        List<String> filters = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String filter = randomFilter(random);
            filters.add(filter);
            trie.subscribe(sub("c" + i, filter));
        }
        for (int i = 0; i < 2_000; i++) {
            String topic = randomTopic(random);
            List<String> expected = new ArrayList<>();
            for (int f = 0; f < filters.size(); f++) {
                if (ReferenceMatcher.matches(filters.get(f), topic)) {
                    expected.add("c" + f);
                }
            }
            assertThat(Matches.of(trie, topic).clientIds()).as(topic).isEqualTo(expected.stream().sorted().toList());
        }
    }

    /** MQTT-4.7.2-1: "$SYS/#" is the way to see $SYS topics; "#" and "+/..." are not. */
    @Test
    void match_dollarTopic_onlyMatchesFiltersStartingWithDollarLevel() {
        SubscriptionTrie trie = new SubscriptionTrie();
        trie.subscribe(sub("all", "#"));
        trie.subscribe(sub("plus", "+/broker/uptime"));
        trie.subscribe(sub("sys", "$SYS/#"));
        trie.subscribe(sub("exact", "$SYS/broker/uptime"));
        trie.subscribe(shared("member", "g", "#"));

        Matches m = Matches.of(trie, "$SYS/broker/uptime");

        assertThat(m.clientIds()).containsExactly("exact", "sys");
        assertThat(m.groups).isEmpty();
    }

    static String randomFilter(Random random) {
        int levels = 1 + random.nextInt(4);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            if (i > 0) {
                sb.append('/');
            }
            int pick = random.nextInt(6);
            if (pick == 5 || (i == levels - 1 && pick == 4)) {
                sb.append(i == levels - 1 ? "#" : "+");
            } else {
                sb.append(pick == 4 ? "+" : LEVELS[pick]);
            }
        }
        return sb.isEmpty() ? randomFilter(random) : sb.toString(); // MQTT-4.7.3-1: never empty
    }

    static String randomTopic(Random random) {
        int levels = 1 + random.nextInt(4);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(LEVELS[random.nextInt(LEVELS.length)]);
        }
        return sb.isEmpty() ? randomTopic(random) : sb.toString();
    }

    private static final String[] LEVELS = {"a", "b", "", "$s"};
}
