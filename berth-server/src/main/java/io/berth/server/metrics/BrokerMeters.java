package io.berth.server.metrics;

import io.berth.core.BrokerContext;
import io.berth.core.metrics.BrokerMetrics;
import io.berth.server.protection.ConnectionGate;
import io.berth.server.protection.ProtectionServices;
import io.berth.server.protection.ListenerTraffic;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Map;

/**
 * The broker's Micrometer meters, read from the counters the broker keeps anyway (nothing is counted twice), and
 * their Prometheus text for a scrape. The management HTTP server mounts {@link #scrape()} on {@code /metrics}; this
 * class knows nothing of HTTP. Thread-safe.
 */
public final class BrokerMeters {

    /** The Content-Type of {@link #scrape()}: Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private java.util.function.ToIntFunction<String> connections;

    public BrokerMeters(BrokerContext context, ProtectionServices protection) {
        BrokerMetrics m = context.metrics();
        Gauge.builder("berth.connections", m, BrokerMetrics::connectionsCurrent)
                .description("network connections open now").register(registry);
        Gauge.builder("berth.clients.connected", m, BrokerMetrics::clientsConnected)
                .description("MQTT clients connected now (CONNACK sent)").register(registry);
        counter("berth.connections.opened", m, BrokerMetrics::connectionsTotal, "connections accepted since start");
        counter("berth.packets.received", m, BrokerMetrics::messagesReceived, "MQTT packets received");
        counter("berth.packets.sent", m, BrokerMetrics::messagesSent, "MQTT packets sent");
        counter("berth.messages.received", m, BrokerMetrics::publishMessagesReceived, "PUBLISH packets received");
        counter("berth.messages.sent", m, BrokerMetrics::publishMessagesSent, "PUBLISH packets sent");
        counter("berth.messages.dropped", m, BrokerMetrics::messagesDropped,
                "messages dropped (queue full, QoS 0 to an offline session, too large for the client, ...)");
        counter("berth.messages.dropped.queue_full", m, BrokerMetrics::messagesDroppedQueueFull,
                "messages dropped because a session's queue (mqtt.max_mqueue_len) was full");
        counter("berth.bytes.received", m, BrokerMetrics::bytesReceived, "bytes read from sockets");
        counter("berth.bytes.sent", m, BrokerMetrics::bytesSent, "bytes written to sockets");
        Gauge.builder("berth.alarms.active", protection, p -> p.alarms().active().size())
                .description("alarms active now").register(registry);
        Gauge.builder("berth.bans", protection, p -> p.bans().list().size())
                .description("bans in force now").register(registry);
        Gauge.builder("berth.overloaded", protection, p -> p.overloaded() ? 1 : 0)
                .description("1 while overload protection refuses new clients").register(registry);
    }

    /** Adds the meters of the listeners' accept-time gates (see {@link #bindGate}). */
    public void bindGates(Map<String, ConnectionGate> gates) {
        gates.forEach(this::bindGate);
    }

    /**
     * Adds one listener's meters, tagged {@code listener=<id>}: {@code berth_connections_refused_total} (by
     * {@code reason}), {@code berth_listener_connections_accepted_total}, {@code berth_listener_bytes_received_total},
     * {@code berth_listener_bytes_sent_total}, and {@code berth_listener_connections} when a source of open
     * connections was given ({@link #listenerConnections}). Adding a listener twice keeps the first meters.
     */
    public synchronized void bindGate(String id, ConnectionGate gate) {
        for (ConnectionGate.Refusal r : ConnectionGate.Refusal.values()) {
            FunctionCounter.builder("berth.connections.refused", gate, g -> g.refused(r))
                    .description("sockets closed at accept time, by listener and reason")
                    .tag("listener", id).tag("reason", r.key()).register(registry);
        }
        ListenerTraffic t = gate.traffic();
        FunctionCounter.builder("berth.listener.connections.accepted", t, ListenerTraffic::acceptedTotal)
                .description("connections the listener's gate let in").tag("listener", id).register(registry);
        FunctionCounter.builder("berth.listener.bytes.received", t, ListenerTraffic::bytesInTotal)
                .description("bytes read on the listener's connections").tag("listener", id).register(registry);
        FunctionCounter.builder("berth.listener.bytes.sent", t, ListenerTraffic::bytesOutTotal)
                .description("bytes written on the listener's connections").tag("listener", id).register(registry);
        if (connections != null) {
            java.util.function.ToIntFunction<String> source = connections;
            Gauge.builder("berth.listener.connections", () -> source.applyAsInt(id))
                    .description("connections open on the listener now").tag("listener", id).register(registry);
        }
    }

    /** Removes a deleted listener's meters. */
    public synchronized void unbindListener(String id) {
        registry.getMeters().stream().filter(m -> id.equals(m.getId().getTag("listener"))).toList()
                .forEach(registry::remove);
    }

    /** Where {@code berth_listener_connections} reads a listener's open connections (0 when it is stopped). */
    public synchronized void listenerConnections(java.util.function.ToIntFunction<String> source) {
        this.connections = source;
    }

    private void counter(String name, BrokerMetrics m, java.util.function.ToDoubleFunction<BrokerMetrics> f,
                         String description) {
        FunctionCounter.builder(name, m, f).description(description).register(registry);
    }

    /** The registry, for meters added elsewhere. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in Prometheus text format, for {@code GET /metrics}. */
    public String scrape() {
        return registry.scrape();
    }
}
