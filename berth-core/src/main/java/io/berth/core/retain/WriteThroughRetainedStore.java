package io.berth.core.retain;

import io.berth.core.Message;
import io.berth.core.store.DurableState;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Retained messages kept in memory for fast matching and written through to the durable store, so they are
 * served at once after a restart ({@link #recover}). Reads never touch the disk.
 *
 * <p>Any thread. Changes take one lock so that memory and store see them in the same order (the in-memory
 * store serialises its changes on a lock of its own anyway). Messages that expire are dropped from memory when
 * a match finds them and from the store at the next start. {@code $SYS/} topics stay in memory only: the broker
 * publishes them afresh, and last run's figures would be wrong.
 */
public final class WriteThroughRetainedStore implements RetainedStore {

    private static final String SYS_PREFIX = "$SYS/";

    private final RetainedStore memory;
    private final DurableState durable;
    private final ReentrantLock writeLock = new ReentrantLock();

    public WriteThroughRetainedStore(RetainedStore memory, DurableState durable) {
        this.memory = memory;
        this.durable = durable;
    }

    /** Loads what the store holds into memory. Start-up, before listeners open. */
    public void recover() {
        durable.recoverRetained(m -> {
            try {
                memory.put(m);
            } finally {
                m.release();
            }
        });
    }

    @Override
    public void put(Message message) {
        writeLock.lock();
        try {
            memory.put(message);
            if (message.topic().startsWith(SYS_PREFIX)) {
                return; // the broker's own statistics, published afresh after a start
            }
            if (message.payload().readableBytes() == 0) {
                durable.retainedRemove(message.topic());
            } else {
                durable.retainedPut(message);
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public List<Message> match(String topicFilter, long nowMillis) {
        return memory.match(topicFilter, nowMillis);
    }

    @Override
    public Message get(String topic) {
        return memory.get(topic);
    }

    @Override
    public boolean remove(String topic) {
        writeLock.lock();
        try {
            durable.retainedRemove(topic);
            return memory.remove(topic);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public int size() {
        return memory.size();
    }

    /**
     * Removes every retained message from memory, and from the store those a {@code #} filter matches (topics
     * starting with {@code $} and expired messages stay in the store; the next start drops expired ones).
     */
    @Override
    public void clear() {
        writeLock.lock();
        try {
            for (Message m : memory.match("#", 0)) {
                durable.retainedRemove(m.topic());
                m.release();
            }
            memory.clear();
        } finally {
            writeLock.unlock();
        }
    }

    /** Frees the memory only; the store keeps every message. For a broker that stops. */
    public void releaseMemory() {
        memory.clear();
    }
}
