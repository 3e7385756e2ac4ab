package io.berth.core.sys;

import io.berth.core.BrokerContext;
import io.berth.core.Message;
import io.berth.core.metrics.BrokerMetrics;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Publishes broker statistics as retained QoS 0 messages under {@code $SYS/broker/}, with Mosquitto's topic
 * names so existing dashboards work, every {@code sys_topics.sys_msg_interval}. Runs on one event loop.
 */
public final class SysTopicPublisher {

    public static final String PREFIX = "$SYS/broker/";

    private final BrokerContext broker;
    private final Duration interval;
    private final EventExecutor executor;
    private final long startedAtMillis;
    private ScheduledFuture<?> task;

    public SysTopicPublisher(BrokerContext broker, Duration interval, EventExecutor executor) {
        this.broker = broker;
        this.interval = interval;
        this.executor = executor;
        this.startedAtMillis = broker.clock().millis();
    }

    public void start() {
        executor.execute(this::publishNow);
        long ms = interval.toMillis();
        task = executor.scheduleAtFixedRate(this::publishNow, ms, ms, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** The current values by topic. */
    public Map<String, String> snapshot() {
        BrokerMetrics m = broker.metrics();
        long now = broker.clock().millis();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("version", "berth " + broker.brokerVersion());
        values.put("uptime", (now - startedAtMillis) / 1000 + " seconds");
        values.put("clients/connected", Integer.toString(m.clientsConnected())); // MQTT clients, not sockets
        values.put("clients/total", Integer.toString(broker.sessions().size()));
        values.put("messages/received", Long.toString(m.messagesReceived()));
        values.put("messages/sent", Long.toString(m.messagesSent()));
        values.put("publish/messages/received", Long.toString(m.publishMessagesReceived()));
        values.put("publish/messages/sent", Long.toString(m.publishMessagesSent()));
        values.put("publish/messages/dropped", Long.toString(m.messagesDropped()));
        values.put("bytes/received", Long.toString(m.bytesReceived()));
        values.put("bytes/sent", Long.toString(m.bytesSent()));
        values.put("subscriptions/count", Integer.toString(broker.trie().size()));
        values.put("retained messages/count", Integer.toString(broker.retained().size()));
        return values;
    }

    private void publishNow() {
        long now = broker.clock().millis();
        for (Map.Entry<String, String> e : snapshot().entrySet()) {
            byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
            broker.router().publish(new Message(PREFIX + e.getKey(), 0, true, Unpooled.wrappedBuffer(bytes),
                    null, Message.NEVER_EXPIRES, null, now));
        }
    }
}
