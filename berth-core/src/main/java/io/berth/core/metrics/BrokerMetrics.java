package io.berth.core.metrics;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Broker-wide counters, updated from every event loop without contention (LongAdder) and read by $SYS
 * and, later, the metrics endpoint.
 */
public final class BrokerMetrics {
    private final AtomicInteger connectionsCurrent = new AtomicInteger();
    private final AtomicInteger clientsConnected = new AtomicInteger();
    private final LongAdder connectionsTotal = new LongAdder();
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder messagesDropped = new LongAdder();
    private final LongAdder messagesDroppedQueueFull = new LongAdder();
    private final LongAdder publishReceived = new LongAdder();
    private final LongAdder publishSent = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();

    public void connectionOpened() {
        connectionsCurrent.incrementAndGet();
        connectionsTotal.increment();
    }

    public void connectionClosed() {
        connectionsCurrent.decrementAndGet();
    }

    /** An MQTT client completed CONNECT (CONNACK sent): unlike a TCP connection, it counts as connected. */
    public void clientConnected() {
        clientsConnected.incrementAndGet();
    }

    public void clientDisconnected() {
        clientsConnected.decrementAndGet();
    }

    public void packetReceived() {
        messagesReceived.increment();
    }

    public void packetSent() {
        messagesSent.increment();
    }

    public void publishReceived() {
        publishReceived.increment();
    }

    public void publishSent() {
        publishSent.increment();
    }

    public void messageDropped() {
        messagesDropped.increment();
    }

    /** A message lost because a session's queue was full (the new one, or an older QoS 0 one making room). */
    public void messageDroppedQueueFull() {
        messagesDropped.increment();
        messagesDroppedQueueFull.increment();
    }

    public void bytesReceived(long n) {
        bytesReceived.add(n);
    }

    public void bytesSent(long n) {
        bytesSent.add(n);
    }

    public int connectionsCurrent() { return connectionsCurrent.get(); }
    public int clientsConnected() { return clientsConnected.get(); }
    public long connectionsTotal() { return connectionsTotal.sum(); }
    public long messagesReceived() { return messagesReceived.sum(); }
    public long messagesSent() { return messagesSent.sum(); }
    public long messagesDropped() { return messagesDropped.sum(); }
    /** Messages dropped because a session's queue ({@code mqtt.max_mqueue_len}) was full; part of {@link #messagesDropped()}. */
    public long messagesDroppedQueueFull() { return messagesDroppedQueueFull.sum(); }
    public long publishMessagesReceived() { return publishReceived.sum(); }
    public long publishMessagesSent() { return publishSent.sum(); }
    public long bytesReceived() { return bytesReceived.sum(); }
    public long bytesSent() { return bytesSent.sum(); }
}
