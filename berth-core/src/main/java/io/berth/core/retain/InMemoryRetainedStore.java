package io.berth.core.retain;

import io.berth.codec.TopicNames;
import io.berth.core.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Retained messages in memory, in a tree with one node per topic level: an exact topic is found in
 * O(levels), a wildcard filter visits only the branches it can match ({@code #} visits all of them).
 *
 * <p>Any thread. Lookups take no lock; changes serialise on one write lock, each made visible by a single
 * volatile write, and nodes left empty are unlinked at once.
 */
public final class InMemoryRetainedStore implements RetainedStore {

    private final RetainedNode root = new RetainedNode();
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile int size;  // written under writeLock
    private int nodeCount;      // under writeLock; the root is not counted

    @Override
    public void put(Message message) {
        if (message.payload().readableBytes() == 0) {
            remove(message.topic()); // MQTT-3.3.1-6/-7 (3.1.1: MQTT-3.3.1-10/-11)
            return;
        }
        RetainedEntry entry = RetainedEntry.copyOf(message);
        String topic = message.topic();
        writeLock.lock();
        try {
            RetainedNode node = root;
            int start = 0;
            while (start <= topic.length()) {
                int end = TopicNames.levelEnd(topic, start);
                String level = topic.substring(start, end);
                RetainedNode child = node.child(level);
                if (child == null) {
                    child = node.addChild(level);
                    nodeCount++;
                }
                node = child;
                start = end + 1;
            }
            if (node.entry == null) {
                size++;
            }
            node.entry = entry;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public List<Message> match(String topicFilter, long nowMillis) {
        List<RetainedEntry> found = new ArrayList<>();
        collect(root, topicFilter, 0, found);
        List<Message> messages = new ArrayList<>(found.size());
        for (RetainedEntry entry : found) {
            if (entry.isExpired(nowMillis)) {
                removeEntry(entry.topic(), entry);
            } else {
                messages.add(entry.toMessage());
            }
        }
        return messages;
    }

    @Override
    public Message get(String topic) {
        RetainedNode node = root;
        int start = 0;
        while (node != null && start <= topic.length()) {
            int end = TopicNames.levelEnd(topic, start);
            node = node.child(topic.substring(start, end));
            start = end + 1;
        }
        RetainedEntry entry = node == null ? null : node.entry;
        return entry == null ? null : entry.toMessage();
    }

    @Override
    public boolean remove(String topic) {
        return removeEntry(topic, null);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void clear() {
        writeLock.lock();
        try {
            root.removeAllChildren();
            size = 0;
            nodeCount = 0;
        } finally {
            writeLock.unlock();
        }
    }

    /** Number of nodes below the root; 0 when the store is empty. For tests. */
    int nodeCount() {
        writeLock.lock();
        try {
            return nodeCount;
        } finally {
            writeLock.unlock();
        }
    }

    /** Removes the entry of {@code topic} if it is {@code expected} (any entry when null), pruning empty nodes. */
    private boolean removeEntry(String topic, RetainedEntry expected) {
        writeLock.lock();
        try {
            int levels = TopicNames.levels(topic);
            RetainedNode[] path = new RetainedNode[levels + 1];
            String[] names = new String[levels + 1];
            path[0] = root;
            int depth = 0;
            int start = 0;
            while (start <= topic.length()) {
                int end = TopicNames.levelEnd(topic, start);
                String level = topic.substring(start, end);
                RetainedNode child = path[depth].child(level);
                if (child == null) {
                    return false;
                }
                path[++depth] = child;
                names[depth] = level;
                start = end + 1;
            }
            RetainedNode node = path[depth];
            if (node.entry == null || (expected != null && node.entry != expected)) {
                return false;
            }
            node.entry = null;
            size--;
            for (int i = depth; i > 0 && path[i].isEmpty(); i--) {
                path[i - 1].removeChild(names[i]);
                nodeCount--;
            }
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    /** Collects the entries below {@code node} matching the filter from the level at {@code start} on. */
    private static void collect(RetainedNode node, String filter, int start, List<RetainedEntry> out) {
        boolean atRoot = start == 0;
        int end = TopicNames.levelEnd(filter, start);
        boolean last = end == filter.length();
        if (end - start == 1 && filter.charAt(start) == '#') {
            collectAll(node, atRoot, out); // the parent level too: "a/#" matches "a" (MQTT-4.7.1-2)
        } else if (end - start == 1 && filter.charAt(start) == '+') {
            for (Map.Entry<String, RetainedNode> child : node.children()) {
                if (!(atRoot && child.getKey().startsWith("$"))) { // MQTT-4.7.2-1
                    collectLevel(child.getValue(), filter, end, last, out);
                }
            }
        } else {
            RetainedNode child = node.child(filter.substring(start, end));
            if (child != null) {
                collectLevel(child, filter, end, last, out);
            }
        }
    }

    private static void collectLevel(RetainedNode node, String filter, int end, boolean last,
                                     List<RetainedEntry> out) {
        if (last) {
            RetainedEntry entry = node.entry;
            if (entry != null) {
                out.add(entry);
            }
        } else {
            collect(node, filter, end + 1, out);
        }
    }

    private static void collectAll(RetainedNode node, boolean atRoot, List<RetainedEntry> out) {
        RetainedEntry entry = node.entry;
        if (entry != null) {
            out.add(entry);
        }
        for (Map.Entry<String, RetainedNode> child : node.children()) {
            if (!(atRoot && child.getKey().startsWith("$"))) { // MQTT-4.7.2-1
                collectAll(child.getValue(), false, out);
            }
        }
    }
}
