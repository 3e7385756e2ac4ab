package io.berth.core.subscription;

import java.util.ArrayList;
import java.util.List;

/** Collects what one {@link SubscriptionTrie#match} reports. Single thread. */
final class Matches implements SubscriptionTrie.MatchConsumer {

    final List<Subscription> subscriptions = new ArrayList<>();
    final List<SharedGroup> groups = new ArrayList<>();

    static Matches of(SubscriptionTrie trie, String topic) {
        Matches m = new Matches();
        trie.match(topic, m);
        return m;
    }

    @Override
    public void onSubscription(Subscription subscription) {
        subscriptions.add(subscription);
    }

    @Override
    public void onSharedGroup(SharedGroup group) {
        groups.add(group);
    }

    List<String> clientIds() {
        return subscriptions.stream().map(Subscription::clientId).sorted().toList();
    }

    List<String> groupKeys() {
        return groups.stream().map(g -> g.name() + "|" + g.filter()).sorted().toList();
    }
}
