package io.berth.server.protection;

import io.berth.core.alarm.Alarm;
import io.berth.server.config.ProtectionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code alarm.webhook}: POSTs each alarm activation and deactivation as JSON to the operator's URL. Requests are
 * sent one at a time by a thread of their own (never a network thread), from a bounded queue: when it is full a
 * notification is dropped, counted and logged. A request that fails (no answer within {@code timeout}, or a status
 * other than 2xx) is retried up to {@code max_retries} times with a doubling pause; then it is dropped and logged.
 *
 * <p>Body: {@code {"event": "alarm.activated" | "alarm.deactivated", "name", "severity", "message", "details": {...},
 * "activated_at", "deactivated_at", "node"}}.
 */
public final class AlarmWebhook implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("event.alarm");
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final ProtectionConfig.AlarmWebhook settings;
    private final String node;
    private final HttpClient client;
    private final ThreadPoolExecutor sender;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public AlarmWebhook(ProtectionConfig.AlarmWebhook settings, String node) {
        this.settings = settings;
        this.node = node;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queueSize()), r -> {
                    Thread t = new Thread(r, "berth-alarm-webhook");
                    t.setDaemon(true);
                    return t;
                }, (task, executor) -> {
                    long n = dropped.incrementAndGet();
                    LOG.warn("alarm.webhook_dropped url={} reason=queue full ({} waiting) dropped_total={}",
                            settings.url(), settings.queueSize(), n);
                });
    }

    /** Queues the notification of {@code alarm}'s change; returns at once. */
    public void notify(Alarm alarm) {
        String body = json(alarm);
        if (!sender.isShutdown()) {
            sender.execute(() -> deliver(alarm.name(), body));
        }
    }

    private String json(Alarm a) {
        JsonLine details = new JsonLine();
        a.details().forEach(details::put);
        return new JsonLine().put("event", a.active() ? "alarm.activated" : "alarm.deactivated")
                .put("name", a.name()).put("severity", a.severity().key()).put("message", a.message())
                .putObject("details", details)
                .put("activated_at", a.activatedAt().toString())
                .put("deactivated_at", a.clearedAt() == null ? null : a.clearedAt().toString())
                .put("node", node).toString();
    }

    private void deliver(String name, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        settings.headers().forEach(request::header);
        Duration pause = FIRST_PAUSE;
        String last = "";
        for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
            if (attempt > 0) {
                try {
                    Thread.sleep(pause.toMillis()); // the webhook's own thread, between retries
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
            try {
                HttpResponse<Void> res = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
                if (res.statusCode() / 100 == 2) {
                    delivered.incrementAndGet();
                    return;
                }
                last = "HTTP " + res.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        failed.incrementAndGet();
        LOG.warn("alarm.webhook_failed url={} alarm={} attempts={} reason={}", settings.url(), name,
                settings.maxRetries() + 1, last);
    }

    /** Notifications the receiver accepted (2xx). */
    public long delivered() {
        return delivered.get();
    }

    /** Notifications dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Notifications given up after every retry failed. */
    public long failed() {
        return failed.get();
    }

    /** Sends what is queued for up to {@code timeout} more, then stops. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
