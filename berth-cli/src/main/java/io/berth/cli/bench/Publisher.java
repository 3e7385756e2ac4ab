package io.berth.cli.bench;

import io.berth.client.MqttClient;
import io.netty.channel.EventLoop;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One publishing client's timer, on the client's own event loop: a message every interval until its limit, its
 * connection ends or the run stops. At QoS 1 and 2 it skips a tick while {@link #MAX_OUTSTANDING} messages wait
 * for their acknowledgement, so a slow broker slows the bench instead of filling memory.
 */
final class Publisher {

    static final int MAX_OUTSTANDING = 1_000;

    private final MqttClient client;
    private final String topic;
    private final Plan plan;
    private final BenchStats stats;
    private final Runnable onDone;
    private EventLoop loop;
    private ScheduledFuture<?> timer;
    private long sent;
    private int outstanding;
    private boolean done;

    Publisher(MqttClient client, String topic, Plan plan, BenchStats stats, Runnable onDone) {
        this.client = client;
        this.topic = topic;
        this.plan = plan;
        this.stats = stats;
        this.onDone = onDone;
    }

    /** Starts the timer after {@code initialDelayNanos} (spreading publishers over one interval). */
    void start(long initialDelayNanos) {
        loop = client.eventLoop();
        loop.execute(() -> {
            if (!done) {
                timer = loop.scheduleAtFixedRate(this::tick, initialDelayNanos, plan.publishIntervalNanos(),
                        TimeUnit.NANOSECONDS);
            }
        });
    }

    private void tick() {
        if (done) {
            return;
        }
        if (plan.messagesPerPublisher() > 0 && sent >= plan.messagesPerPublisher()) {
            if (outstanding == 0) {
                finish();
            }
            return;
        }
        if (outstanding >= MAX_OUTSTANDING) {
            return;
        }
        sent++;
        outstanding++;
        stats.sent.increment();
        client.publish(topic, BenchPayload.create(plan.payloadSize(), BenchClock.nowMicros()), plan.qos(),
                plan.retain()).whenComplete((code, error) -> {
                    outstanding--;
                    if (error != null || code.isError()) {
                        stats.publishErrors.increment();
                        stats.error(error != null ? error.getMessage() : "publish refused: " + code);
                    } else if (plan.qos() > 0) {
                        stats.acked.increment();
                    }
                    if (plan.messagesPerPublisher() > 0 && sent >= plan.messagesPerPublisher() && outstanding == 0) {
                        finish();
                    }
                });
    }

    /** Stops the timer; any thread. */
    void stop() {
        if (loop == null) {
            return;
        }
        loop.execute(this::finish);
    }

    /** On the loop (or after the connection ended): counts this publisher done once. */
    void finish() {
        if (done) {
            return;
        }
        done = true;
        if (timer != null) {
            timer.cancel(false);
        }
        onDone.run();
    }
}
