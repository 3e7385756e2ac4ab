package io.berth.core.subscription;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * One level of the subscription tree: the subscriptions whose filter ends here, the {@code +} and
 * {@code #} children, and the literal children in an open-addressing hash table.
 *
 * <p>Any thread may read a node without locking. Only the thread holding {@link SubscriptionTrie}'s write
 * lock changes it: arrays are replaced, never modified, except the child table, whose slots only go from
 * empty to a child, from a child to a tombstone and from a tombstone to a child (so a reader's probe never
 * skips a child that is present), published with release stores; the table is replaced when it is resized.
 * Literal children are found by a region of the topic string, so a match allocates no level strings.
 */
final class TrieNode {

    static final Subscription[] NO_SUBSCRIPTIONS = new Subscription[0];
    static final SharedGroup[] NO_GROUPS = new SharedGroup[0];

    private static final TrieNode TOMBSTONE = new TrieNode("");
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(TrieNode[].class);
    private static final int MIN_CAPACITY = 4;

    /** This node's level; {@code +} and {@code #} nodes hang in {@link #plus} and {@link #multi}. */
    final String level;
    final int hash;

    volatile Subscription[] subscriptions = NO_SUBSCRIPTIONS;
    volatile SharedGroup[] groups = NO_GROUPS;
    volatile TrieNode plus;
    volatile TrieNode multi;

    private volatile TrieNode[] table;
    private int liveChildren; // write lock only
    private int usedSlots;    // write lock only: live children plus tombstones

    TrieNode(String level) {
        this.level = level;
        this.hash = spread(level.hashCode());
    }

    /** Spreads a {@link String#hashCode()}-compatible hash over the low bits used to index the table. */
    static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /**
     * The literal child named by {@code topic[start, end)}, whose {@code spread} hash is {@code hash}.
     * Any thread.
     */
    TrieNode child(String topic, int start, int end, int hash) {
        TrieNode[] t = table;
        if (t == null) {
            return null;
        }
        int length = end - start;
        int mask = t.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            TrieNode c = (TrieNode) SLOT.getAcquire(t, i);
            if (c == null) {
                return null;
            }
            if (c.hash == hash && c != TOMBSTONE && c.level.length() == length
                    && topic.regionMatches(start, c.level, 0, length)) {
                return c;
            }
        }
    }

    /** The literal child named {@code name}. Any thread. */
    TrieNode child(String name) {
        return child(name, 0, name.length(), spread(name.hashCode()));
    }

    /** Adds a literal child whose name is not yet present. Write lock only. */
    void addChild(TrieNode child) {
        TrieNode[] t = table;
        if (t == null || (usedSlots + 1) * 2 > t.length) {
            t = rehash(capacityFor(liveChildren + 1));
        }
        int mask = t.length - 1;
        for (int i = child.hash & mask; ; i = (i + 1) & mask) {
            TrieNode c = t[i];
            if (c == null || c == TOMBSTONE) {
                if (c == null) {
                    usedSlots++;
                }
                liveChildren++;
                SLOT.setRelease(t, i, child);
                return;
            }
        }
    }

    /** Removes a literal child, shrinking or dropping the table as it empties. Write lock only. */
    void removeChild(TrieNode child) {
        TrieNode[] t = table;
        int mask = t.length - 1;
        for (int i = child.hash & mask; ; i = (i + 1) & mask) {
            TrieNode c = t[i];
            if (c == child) {
                SLOT.setRelease(t, i, TOMBSTONE);
                liveChildren--;
                break;
            }
            if (c == null) {
                throw new IllegalStateException("not a child: " + child.level);
            }
        }
        if (liveChildren == 0) {
            table = null;
            usedSlots = 0;
        } else if (t.length > MIN_CAPACITY && liveChildren * 8 < t.length) {
            rehash(capacityFor(liveChildren));
        }
    }

    /** Adds or replaces (same client) a non-shared subscription; returns whether it replaced. Write lock only. */
    boolean put(Subscription subscription) {
        Subscription[] current = subscriptions;
        for (int i = 0; i < current.length; i++) {
            if (current[i].clientId().equals(subscription.clientId())) {
                Subscription[] copy = current.clone();
                copy[i] = subscription;
                subscriptions = copy;
                return true;
            }
        }
        Subscription[] copy = Arrays.copyOf(current, current.length + 1);
        copy[current.length] = subscription;
        subscriptions = copy;
        return false;
    }

    /** Removes the non-shared subscription of {@code clientId}; returns whether there was one. Write lock only. */
    boolean remove(String clientId) {
        Subscription[] current = subscriptions;
        for (int i = 0; i < current.length; i++) {
            if (current[i].clientId().equals(clientId)) {
                subscriptions = current.length == 1 ? NO_SUBSCRIPTIONS : without(current, i);
                return true;
            }
        }
        return false;
    }

    /**
     * Adds or replaces (same client) a member of the subscription's share group, creating the group if
     * needed; returns whether it replaced. Write lock only.
     */
    boolean putShared(Subscription subscription) {
        SharedGroup[] current = groups;
        int g = indexOfGroup(current, subscription.shareGroup());
        if (g < 0) {
            SharedGroup[] copy = Arrays.copyOf(current, current.length + 1);
            copy[current.length] = SharedGroup.of(subscription);
            groups = copy;
            return false;
        }
        int member = current[g].indexOf(subscription.clientId());
        SharedGroup[] copy = current.clone();
        copy[g] = current[g].with(subscription, member);
        groups = copy;
        return member >= 0;
    }

    /**
     * Removes {@code clientId} from the group {@code shareGroup}, dropping the group when it empties; returns
     * whether it was a member. Write lock only.
     */
    boolean removeShared(String shareGroup, String clientId) {
        SharedGroup[] current = groups;
        int g = indexOfGroup(current, shareGroup);
        int member = g < 0 ? -1 : current[g].indexOf(clientId);
        if (member < 0) {
            return false;
        }
        if (current[g].members().size() > 1) {
            SharedGroup[] copy = current.clone();
            copy[g] = current[g].without(member);
            groups = copy;
        } else {
            groups = current.length == 1 ? NO_GROUPS : without(current, g);
        }
        return true;
    }

    private static int indexOfGroup(SharedGroup[] groups, String name) {
        for (int i = 0; i < groups.length; i++) {
            if (groups[i].name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static <T> T[] without(T[] array, int index) {
        T[] copy = Arrays.copyOf(array, array.length - 1);
        System.arraycopy(array, index + 1, copy, index, array.length - index - 1);
        return copy;
    }

    /** Whether nothing hangs at or below this node. Write lock only. */
    boolean isEmpty() {
        return liveChildren == 0 && plus == null && multi == null && subscriptions.length == 0
                && groups.length == 0;
    }

    /** Number of literal children. Write lock only. */
    int childCount() {
        return liveChildren;
    }

    /** Capacity of the child table, 0 when there is none. For tests. */
    int tableCapacity() {
        TrieNode[] t = table;
        return t == null ? 0 : t.length;
    }

    private static int capacityFor(int children) {
        int wanted = Math.max(MIN_CAPACITY, children * 4);
        return Integer.highestOneBit(wanted - 1) << 1;
    }

    private TrieNode[] rehash(int capacity) {
        TrieNode[] old = table;
        TrieNode[] fresh = new TrieNode[capacity];
        int mask = capacity - 1;
        if (old != null) {
            for (TrieNode c : old) {
                if (c != null && c != TOMBSTONE) {
                    int i = c.hash & mask;
                    while (fresh[i] != null) {
                        i = (i + 1) & mask;
                    }
                    fresh[i] = c;
                }
            }
        }
        usedSlots = liveChildren;
        table = fresh; // volatile write publishes the filled array
        return fresh;
    }
}
