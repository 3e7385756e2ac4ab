package io.berth.core.retain;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One level of the retained-topic tree. Any thread reads it without locking; only the holder of
 * {@link InMemoryRetainedStore}'s write lock changes it.
 */
final class RetainedNode {

    private volatile ConcurrentHashMap<String, RetainedNode> children; // null while there are none
    volatile RetainedEntry entry;

    /** Any thread. */
    RetainedNode child(String level) {
        Map<String, RetainedNode> c = children;
        return c == null ? null : c.get(level);
    }

    /** Any thread; weakly consistent while the tree changes. */
    Set<Map.Entry<String, RetainedNode>> children() {
        Map<String, RetainedNode> c = children;
        return c == null ? Collections.emptySet() : c.entrySet();
    }

    /** Write lock only. */
    RetainedNode addChild(String level) {
        ConcurrentHashMap<String, RetainedNode> c = children;
        if (c == null) {
            c = new ConcurrentHashMap<>(2);
            children = c;
        }
        RetainedNode child = new RetainedNode();
        c.put(level, child);
        return child;
    }

    /** Write lock only. */
    void removeChild(String level) {
        ConcurrentHashMap<String, RetainedNode> c = children;
        c.remove(level);
        if (c.isEmpty()) {
            children = null;
        }
    }

    /** Write lock only. */
    void removeAllChildren() {
        children = null;
    }

    /** Write lock only. */
    boolean isEmpty() {
        return entry == null && children == null;
    }
}
