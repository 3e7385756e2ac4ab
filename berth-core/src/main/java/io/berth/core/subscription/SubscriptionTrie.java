package io.berth.core.subscription;

import io.berth.codec.TopicNames;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The broker-wide topic tree of subscriptions: one node per filter level, with {@code +} and {@code #}
 * as children of their own, shared groups kept per (share name, filter) at the node where the filter ends.
 *
 * <p>Threads: {@link #match} runs on any thread, typically every event loop at once, and takes no lock:
 * it reads volatile, copy-on-write state and allocates nothing itself. {@link #subscribe} and
 * {@link #unsubscribe} may be called from any thread; they serialise on one write lock, and each becomes
 * visible to matches with a single volatile write, so they are linearizable. Nodes left empty by an
 * unsubscribe are unlinked at once; a match already inside them sees them empty.
 */
public final class SubscriptionTrie {

    private final TrieNode root = new TrieNode("");
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile int size;        // written under writeLock
    private volatile int groupCount;  // written under writeLock
    private int nodeCount;            // under writeLock; the root is not counted

    /**
     * Adds {@code subscription}, or replaces the one with the same client, share group and filter
     * (MQTT-3.8.4-3). Any thread.
     *
     * @return true if an existing subscription was replaced
     * @throws IllegalArgumentException if the filter is not a valid topic filter
     */
    public boolean subscribe(Subscription subscription) {
        String filter = subscription.topicFilter();
        if (!isValidFilter(filter)) {
            throw new IllegalArgumentException("invalid topic filter: " + filter);
        }
        writeLock.lock();
        try {
            TrieNode node = root;
            int start = 0;
            while (start <= filter.length()) {
                int end = TopicNames.levelEnd(filter, start);
                node = childOrCreate(node, filter.substring(start, end));
                start = end + 1;
            }
            int groupsBefore = node.groups.length;
            boolean replaced = subscription.isShared() ? node.putShared(subscription) : node.put(subscription);
            if (!replaced) {
                size++;
            }
            groupCount += node.groups.length - groupsBefore;
            return replaced;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Removes the subscription of {@code clientId} to {@code topicFilter} in {@code shareGroup} (null for a
     * non-shared subscription) and unlinks the nodes it leaves empty. Any thread.
     *
     * @return whether such a subscription existed
     */
    public boolean unsubscribe(String clientId, String shareGroup, String topicFilter) {
        writeLock.lock();
        try {
            TrieNode[] path = new TrieNode[TopicNames.levels(topicFilter) + 1];
            path[0] = root;
            int depth = 0;
            int start = 0;
            while (start <= topicFilter.length()) {
                int end = TopicNames.levelEnd(topicFilter, start);
                TrieNode next = child(path[depth], topicFilter.substring(start, end));
                if (next == null) {
                    return false;
                }
                path[++depth] = next;
                start = end + 1;
            }
            TrieNode node = path[depth];
            int groupsBefore = node.groups.length;
            boolean removed = shareGroup == null ? node.remove(clientId) : node.removeShared(shareGroup, clientId);
            if (removed) {
                size--;
                groupCount += node.groups.length - groupsBefore;
                prune(path, depth);
            }
            return removed;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Reports every subscription matching {@code topicName} to {@code consumer}: each non-shared one, and
     * each shared group once. Filters starting with {@code +} or {@code #} do not match topic names starting
     * with {@code $} (MQTT-4.7.2-1). Any thread, lock-free; the consumer runs on the calling thread.
     */
    public void match(String topicName, MatchConsumer consumer) {
        boolean dollar = !topicName.isEmpty() && topicName.charAt(0) == '$';
        if (!dollar) {
            TrieNode all = root.multi;
            if (all != null) {
                report(all, consumer);
            }
        }
        matchLevel(root, topicName, 0, !dollar, consumer);
    }

    /** Number of subscriptions, shared members included. Any thread. */
    public int size() {
        return size;
    }

    /** Number of shared groups (distinct share name and filter). Any thread. */
    public int sharedGroupCount() {
        return groupCount;
    }

    /** Number of nodes below the root; 0 when the trie is empty. For tests. */
    int nodeCount() {
        writeLock.lock();
        try {
            return nodeCount;
        } finally {
            writeLock.unlock();
        }
    }

    TrieNode root() {
        return root;
    }

    /**
     * Receives the result of {@link #match}, on the thread that called it, while the match runs. The trie
     * may change meanwhile (also from a callback): each node is read as one snapshot, and a change made
     * during a match may or may not be seen by it.
     */
    public interface MatchConsumer {

        /**
         * A matching non-shared subscription. A client whose filters overlap ({@code a/+} and {@code a/#})
         * is reported once per matching subscription; merging them is the caller's business.
         */
        void onSubscription(Subscription subscription);

        /**
         * A matching shared group, reported once per (share name, filter) with an immutable snapshot of its
         * members; pick one with {@link SharedGroupSelector}.
         */
        void onSharedGroup(SharedGroup group);
    }

    /** Matches the level of {@code topic} starting at {@code start} below {@code node}. */
    private static void matchLevel(TrieNode node, String topic, int start, boolean wildcards,
                                   MatchConsumer consumer) {
        int length = topic.length();
        int end = start;
        int h = 0;
        while (end < length) {
            char c = topic.charAt(end);
            if (c == '/') {
                break;
            }
            h = 31 * h + c;
            end++;
        }
        boolean last = end == length;
        TrieNode literal = node.child(topic, start, end, TrieNode.spread(h));
        if (literal != null) {
            descend(literal, topic, end, last, consumer);
        }
        if (wildcards) {
            TrieNode plus = node.plus;
            if (plus != null) {
                descend(plus, topic, end, last, consumer);
            }
        }
    }

    /** {@code node} matched the level ending at {@code end}. */
    private static void descend(TrieNode node, String topic, int end, boolean last, MatchConsumer consumer) {
        TrieNode multi = node.multi;
        if (multi != null) {
            report(multi, consumer); // "x/#" matches x and everything below it (MQTT-4.7.1-2)
        }
        if (last) {
            report(node, consumer);
        } else {
            matchLevel(node, topic, end + 1, true, consumer);
        }
    }

    private static void report(TrieNode node, MatchConsumer consumer) {
        for (Subscription s : node.subscriptions) {
            consumer.onSubscription(s);
        }
        for (SharedGroup g : node.groups) {
            consumer.onSharedGroup(g);
        }
    }

    private TrieNode childOrCreate(TrieNode node, String level) {
        TrieNode child = child(node, level);
        if (child != null) {
            return child;
        }
        child = new TrieNode(level);
        if (level.equals("+")) {
            node.plus = child;
        } else if (level.equals("#")) {
            node.multi = child;
        } else {
            node.addChild(child);
        }
        nodeCount++;
        return child;
    }

    private static TrieNode child(TrieNode node, String level) {
        if (level.equals("+")) {
            return node.plus;
        }
        if (level.equals("#")) {
            return node.multi;
        }
        return node.child(level);
    }

    private void prune(TrieNode[] path, int depth) {
        for (int i = depth; i > 0 && path[i].isEmpty(); i--) {
            TrieNode parent = path[i - 1];
            TrieNode node = path[i];
            if (node == parent.plus) {
                parent.plus = null;
            } else if (node == parent.multi) {
                parent.multi = null;
            } else {
                parent.removeChild(node);
            }
            nodeCount--;
        }
    }

    /**
     * Whether {@code filter} is a well-formed non-shared topic filter: at least one character
     * (MQTT-4.7.3-1), no U+0000 (MQTT-4.7.3-2), {@code #} only as the whole last level (MQTT-4.7.1-2) and
     * {@code +} only as a whole level (MQTT-4.7.1-3).
     */
    private static boolean isValidFilter(String filter) {
        int length = filter.length();
        if (length == 0) {
            return false;
        }
        int levelStart = 0;
        for (int i = 0; i < length; i++) {
            char c = filter.charAt(i);
            if (c == '/') {
                levelStart = i + 1;
            } else if (c == '#') {
                if (i != levelStart || i != length - 1) {
                    return false;
                }
            } else if (c == '+') {
                if (i != levelStart || (i + 1 < length && filter.charAt(i + 1) != '/')) {
                    return false;
                }
            } else if (c == '\u0000') {
                return false;
            }
        }
        return true;
    }
}
