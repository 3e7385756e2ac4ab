package io.berth.server.management;

import io.berth.core.BrokerContext;
import io.berth.core.metrics.BrokerMetrics;
import io.berth.core.session.SessionSnapshot;
import io.berth.core.subscription.Subscription;
import io.berth.server.listener.ListenerManager;
import io.berth.server.listener.ListenerStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node's state and counters, on EMQX's paths:
 * <pre>
 * GET /api/v5/stats     connections, sessions, subscriptions, topics, retained messages (EMQX's "x.count" keys)
 * GET /api/v5/nodes     this node: name, version, uptime, memory, connections, listeners (a list of one)
 * GET /api/v5/status    the same facts as one object, for health checks
 * GET /api/v5/metrics   message, packet and byte counters as JSON (EMQX's "messages.received" keys)
 * </pre>
 */
final class NodeApi {

    private final BrokerView broker;
    private final ListenerManager listeners;
    private final ClientDirectory clients;
    private final Clock clock;

    NodeApi(BrokerView broker, ListenerManager listeners, ClientDirectory clients, Clock clock) {
        this.broker = broker;
        this.listeners = listeners;
        this.clients = clients;
        this.clock = clock;
    }

    void register(Router router) {
        router.add("GET", "/api/v5/stats", r -> ApiResponse.ok(stats()), true)
                .describe("Counts: connections, sessions, subscriptions, shared subscriptions, topics, retained",
                        "{\"connections.count\", \"live_connections.count\", \"sessions.count\", "
                                + "\"subscriptions.count\", \"subscriptions.shared.count\", \"topics.count\", "
                                + "\"retained.count\"}");
        router.add("GET", "/api/v5/nodes", r -> ApiResponse.ok(List.of(node())), true)
                .describe("The nodes of the cluster (this one: Berth does not cluster)",
                        "[{node, node_status, version, uptime, memory_total, memory_used, connections, "
                                + "listeners}]");
        router.add("GET", "/api/v5/status", r -> ApiResponse.ok(node()), true)
                .describe("This node's status, for health checks", "{node, node_status, version, uptime, ...}");
        router.add("GET", "/api/v5/metrics", r -> ApiResponse.ok(metrics()), false)
                .describe("Message, packet and byte counters since start as JSON (Prometheus text: /metrics)",
                        "{\"messages.received\", \"messages.sent\", \"messages.dropped\", \"bytes.received\", "
                                + "...}");
    }

    private Map<String, Object> stats() {
        BrokerContext c = broker.context();
        List<SessionSnapshot> sessions = clients.sessions();
        Set<String> topics = new HashSet<>();
        int subscriptions = 0;
        int shared = 0;
        for (SessionSnapshot s : sessions) {
            for (Subscription sub : s.subscriptions()) {
                subscriptions++;
                shared += sub.isShared() ? 1 : 0;
                topics.add(sub.topicFilter());
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connections.count", c.metrics().clientsConnected());
        m.put("live_connections.count", c.metrics().connectionsCurrent());
        m.put("sessions.count", sessions.size());
        m.put("subscriptions.count", subscriptions);
        m.put("subscriptions.shared.count", shared);
        m.put("topics.count", topics.size());
        m.put("retained.count", c.retained().size());
        return m;
    }

    private Map<String, Object> node() {
        Runtime rt = Runtime.getRuntime();
        List<ListenerStatus> all = listeners.list();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", broker.config().node().name());
        m.put("node_status", "running");
        m.put("version", broker.context().brokerVersion());
        m.put("uptime", Duration.between(broker.startedAt(), Instant.now(clock)).toMillis());
        m.put("started_at", broker.startedAt().toString());
        m.put("memory_total", rt.totalMemory());
        m.put("memory_used", rt.totalMemory() - rt.freeMemory());
        m.put("memory_max", rt.maxMemory());
        m.put("process_available", rt.availableProcessors());
        m.put("connections", broker.context().metrics().clientsConnected());
        m.put("listeners", Map.of("total", all.size(),
                "running", all.stream().filter(ListenerStatus::running).count(),
                "list", all.stream().map(l -> Map.of("id", l.id(), "running", l.running(),
                        "current_connections", l.currentConnections())).toList()));
        return m;
    }

    private Map<String, Object> metrics() {
        BrokerMetrics x = broker.context().metrics();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connections.total", x.connectionsTotal());
        m.put("packets.received", x.messagesReceived());
        m.put("packets.sent", x.messagesSent());
        m.put("messages.received", x.publishMessagesReceived());
        m.put("messages.sent", x.publishMessagesSent());
        m.put("messages.dropped", x.messagesDropped());
        m.put("messages.dropped.queue_full", x.messagesDroppedQueueFull());
        m.put("bytes.received", x.bytesReceived());
        m.put("bytes.sent", x.bytesSent());
        return m;
    }
}
