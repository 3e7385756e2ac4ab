package io.berth.cli.bench;

import io.berth.client.MqttClient;
import io.berth.client.ReceivedMessage;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import java.io.PrintWriter;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one {@link Plan}: connects the subscribers (and connection-only clients) at the configured pace, then the
 * publishers, prints progress every second, and stops at the duration or when the limits are reached and the
 * messages have arrived. All clients share {@code --threads} event loops; this thread only watches and reports.
 */
final class BenchRun {

    /** How long to wait for messages still in flight once the publishers are done. */
    static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long TICK_MILLIS = 100;

    private final Plan plan;
    private final BenchOptions options;
    private final BenchStats stats = new BenchStats();
    private final Queue<MqttClient> clients = new ConcurrentLinkedQueue<>();
    private final Queue<Publisher> publishers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger subscribersFailed = new AtomicInteger();
    private final AtomicInteger publishersDone = new AtomicInteger();
    private final AtomicInteger attempted = new AtomicInteger();
    private volatile boolean stopping;

    BenchRun(Plan plan, BenchOptions options) {
        this.plan = plan;
        this.options = options;
    }

    Summary run(PrintWriter progressOut) {
        options.endpoint(); // usage errors before any thread starts
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.threads(), NioIoHandler.newFactory());
        long start = System.nanoTime();
        long deadline = start + deadlineNanos();
        Progress progress = new Progress(stats, progressOut, start, plan.clients(), plan.subscribers());
        try {
            startRole(group, "conn", plan.connectionsOnly(), 0, this::connectedOnly);
            startRole(group, "sub", plan.subscribers(), 0, this::subscribe);
            while (!stopping && stats.subscribed.get() + subscribersFailed.get() < plan.subscribers()
                    && System.nanoTime() < deadline) {
                progress.tickAndMaybePrint(TICK_MILLIS);
            }
            long subscribersReady = System.nanoTime();
            startRole(group, "pub", plan.publishers(), plan.subscribers() + plan.connectionsOnly(),
                    this::publish);
            long publishersDoneAt = 0;
            while (System.nanoTime() < deadline) {
                progress.tickAndMaybePrint(TICK_MILLIS);
                if (plan.publishers() > 0 && publishersDoneAt == 0 && publishersDone.get() >= plan.publishers()) {
                    publishersDoneAt = System.nanoTime();
                }
                if (finished(publishersDoneAt)) {
                    break;
                }
            }
            stopping = true;
            publishers.forEach(Publisher::stop);
            progress.finalSample();
            long end = System.nanoTime();
            return Summary.of(plan, options, stats, end - start, end - subscribersReady, expected(),
                    stats.subscribed.get());
        } finally {
            stopping = true;
            closeAll();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** The run's bound: --duration, else the planned time plus margins, else 30 s. */
    private long deadlineNanos() {
        if (options.durationSeconds != null) {
            return TimeUnit.SECONDS.toNanos(options.durationSeconds);
        }
        if (!plan.bounded() || plan.receiveLimit() > 0) {
            return TimeUnit.SECONDS.toNanos(plan.receiveLimit() > 0 && plan.publishers() == 0
                    ? BenchOptions.DEFAULT_DURATION_SECONDS * 10L : BenchOptions.DEFAULT_DURATION_SECONDS);
        }
        long connecting = (long) plan.clients() * options.connectIntervalMillis * 1_000_000L
                + TimeUnit.SECONDS.toNanos(options.connectTimeoutSeconds * 2L);
        long publishing = plan.messagesPerPublisher() * plan.publishIntervalNanos();
        return connecting + publishing + DRAIN_NANOS + TimeUnit.SECONDS.toNanos(30);
    }

    private boolean finished(long publishersDoneAt) {
        if (plan.connectionsOnly() > 0 && options.durationSeconds == null
                && stats.connected.get() + stats.connectFailures.sum() >= plan.connectionsOnly()) {
            return true;
        }
        if (plan.publishers() == 0) {
            return plan.receiveLimit() > 0 && stats.received.sum() >= plan.receiveLimit();
        }
        if (publishersDoneAt == 0 || plan.messagesPerPublisher() == 0) {
            return false;
        }
        long expected = expected();
        return expected <= 0 || stats.received.sum() >= expected || System.nanoTime() - publishersDoneAt > DRAIN_NANOS;
    }

    /** Messages the subscribers should receive for what was sent, or 0 when unknown. */
    private long expected() {
        if (plan.subscribers() == 0 || plan.receiversPerMessage() == 0) {
            return 0;
        }
        long perMessage = plan.receiversPerMessage() < 0 ? stats.subscribed.get() : plan.receiversPerMessage();
        return (stats.sent.sum() - stats.publishErrors.sum()) * perMessage;
    }

    private interface OnConnected {
        void accept(MqttClient client, int sequence);
    }

    private void startRole(EventLoopGroup group, String role, int count, int offset, OnConnected onConnected) {
        for (int i = 1; i <= count; i++) {
            int sequence = i;
            long delay = (long) (offset + i - 1) * options.connectIntervalMillis;
            group.next().schedule(() -> startClient(group, role, sequence, onConnected), delay,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void startClient(EventLoopGroup group, String role, int sequence, OnConnected onConnected) {
        if (stopping) {
            if (role.equals("sub")) {
                subscribersFailed.incrementAndGet();
            } else if (role.equals("pub")) {
                publishersDone.incrementAndGet();
            }
            return;
        }
        attempted.incrementAndGet();
        String clientId = options.prefix + "_" + role + "_" + sequence;
        MqttClient client = new MqttClient(options.clientOptions(clientId), group);
        if (role.equals("sub")) {
            client.onMessage(this::onMessage);
        }
        clients.add(client);
        long started = System.nanoTime();
        client.connect().whenComplete((ack, error) -> {
            if (error != null) {
                stats.connectFailures.increment();
                stats.error(error.getMessage());
                if (role.equals("sub")) {
                    subscribersFailed.incrementAndGet();
                } else if (role.equals("pub")) {
                    publishersDone.incrementAndGet();
                }
                return;
            }
            stats.connected.incrementAndGet();
            stats.connectLatency.record((System.nanoTime() - started) / 1_000);
            client.closeFuture().whenComplete((v, e) -> {
                stats.connected.decrementAndGet();
                if (e != null && !stopping) {
                    stats.disconnects.increment();
                    stats.error(e.getMessage());
                }
            });
            onConnected.accept(client, sequence);
        });
    }

    private void connectedOnly(MqttClient client, int sequence) {
        // holds the connection until the run ends
    }

    private void subscribe(MqttClient client, int sequence) {
        String topic = TopicPattern.expand(plan.subscribeTopic(), sequence, client.options().clientId());
        client.subscribe(topic, plan.qos()).whenComplete((codes, error) -> {
            if (error != null || codes.get(0).isError()) {
                subscribersFailed.incrementAndGet();
                stats.error(error != null ? error.getMessage() : "subscription to " + topic + " refused: "
                        + codes.get(0));
            } else {
                stats.subscribed.incrementAndGet();
            }
        });
    }

    private void publish(MqttClient client, int sequence) {
        String topic = TopicPattern.expand(plan.publishTopic(), sequence, client.options().clientId());
        Publisher p = new Publisher(client, topic, plan, stats, publishersDone::incrementAndGet);
        publishers.add(p);
        client.closeFuture().whenComplete((v, e) -> p.finish());
        long spread = plan.publishIntervalNanos() * (sequence - 1) / Math.max(1, plan.publishers());
        p.start(spread);
    }

    private void onMessage(ReceivedMessage m) {
        stats.received.increment();
        long sentAt = BenchPayload.sentMicros(m.payload());
        if (sentAt > 0) {
            stats.latency.record(BenchClock.nowMicros() - sentAt);
        }
    }

    private void closeAll() {
        CompletableFuture<?>[] closing = clients.stream().map(c -> {
            try {
                return c.disconnect();
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(null);
            }
        }).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the event loops are shut down next anyway
        }
    }

    /** For the commands: the failures seen, to decide the exit status. */
    BenchStats stats() {
        return stats;
    }

}
