package io.berth.core.will;

import io.berth.codec.MqttProperties;
import io.berth.codec.Will;
import io.berth.core.Message;
import io.berth.core.routing.MessageRouter;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Publishes Will Messages (spec 3.1.2.5, 3.1.3.2.2): at once when the Will Delay Interval is 0, otherwise
 * after the delay or when the session ends, whichever comes first; not at all when a new connection
 * resumes the session before the delay has passed. Any thread.
 */
public final class WillPublisher {

    private static final Logger LOG = LoggerFactory.getLogger("event.will");

    private final MessageRouter router;
    private final Clock clock;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    public WillPublisher(MessageRouter router, Clock clock) {
        this.router = router;
        this.clock = clock;
    }

    /**
     * Handles the will of a connection that ended without a normal DISCONNECT.
     *
     * @param delaySeconds the will delay, already capped by the session expiry interval
     * @param executor     where the delayed publication runs
     */
    public void connectionLost(String clientId, Will will, long delaySeconds, EventExecutor executor) {
        if (delaySeconds <= 0) {
            publish(clientId, will);
            return;
        }
        Pending p = new Pending(will);
        Pending previous = pending.put(clientId, p);
        if (previous != null) {
            previous.cancel();
        }
        p.task = executor.schedule(() -> {
            if (pending.remove(clientId, p)) {
                publish(clientId, will);
            }
        }, delaySeconds, TimeUnit.SECONDS);
    }

    /** A new connection resumed the session: a delayed will is not sent (MQTT-3.1.3-9). */
    public void cancel(String clientId) {
        Pending p = pending.remove(clientId);
        if (p != null) {
            p.cancel();
            LOG.debug("will.cancelled clientId={}", clientId);
        }
    }

    /** The session ended: a delayed will is sent now. */
    public void sessionEnded(String clientId) {
        Pending p = pending.remove(clientId);
        if (p != null) {
            p.cancel();
            publish(clientId, p.will);
        }
    }

    /** Publishes every delayed will at once (broker shutdown). */
    public void publishAllPending() {
        for (String clientId : pending.keySet()) {
            sessionEnded(clientId);
        }
    }

    public int pendingCount() {
        return pending.size();
    }

    private void publish(String clientId, Will will) {
        long now = clock.millis();
        MqttProperties p = will.properties();
        Long expiry = p.messageExpiryInterval();
        MqttProperties.Builder forwarded = MqttProperties.builder()
                .payloadFormatIndicator(p.payloadFormatIndicator())
                .contentType(p.contentType())
                .responseTopic(p.responseTopic())
                .correlationData(p.correlationData());
        p.userProperties().forEach(forwarded::addUserProperty);
        Message message = new Message(will.topic(), will.qos(), will.retain(),
                Unpooled.wrappedBuffer(will.payload()), forwarded.build(),
                expiry == null ? Message.NEVER_EXPIRES : now + expiry * 1000, clientId, now);
        LOG.info("will.published clientId={} topic={} qos={} retain={}", clientId, will.topic(), will.qos(),
                will.retain());
        router.publish(message);
    }

    private static final class Pending {
        final Will will;
        volatile ScheduledFuture<?> task;

        Pending(Will will) {
            this.will = will;
        }

        void cancel() {
            ScheduledFuture<?> t = task;
            if (t != null) {
                t.cancel(false);
            }
        }
    }
}
