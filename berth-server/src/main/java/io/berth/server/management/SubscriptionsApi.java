package io.berth.server.management;

import io.berth.core.session.SessionSnapshot;
import io.berth.core.subscription.Subscription;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Subscriptions and topics, on EMQX's paths:
 * <pre>
 * GET /api/v5/subscriptions   every session's subscriptions (paging; filters clientid, topic, qos, share_group)
 * GET /api/v5/topics          the routes: each distinct topic filter subscribed to (paging; filter topic)
 * </pre>
 * Read from copies of the sessions taken on their owner threads, so both run on the management executor.
 */
final class SubscriptionsApi {

    /** Subscriptions listed by client id, then filter. */
    static final Comparator<Subscription> ORDER = Comparator.comparing(Subscription::clientId)
            .thenComparing(Subscription::fullTopicFilter);

    private final ClientDirectory clients;
    private final String node;

    /** @param node this broker's node name ({@code node.name}), shown as EMQX shows the node of a route */
    SubscriptionsApi(ClientDirectory clients, String node) {
        this.clients = clients;
        this.node = node;
    }

    void register(Router router) {
        router.add("GET", "/api/v5/subscriptions", this::subscriptions, true)
                .describe("List subscriptions of every session, connected or not",
                        "{data: [{clientid, topic, qos, nl, rap, rh, share}], meta}", Router.PAGING, "clientid",
                        "topic", "qos", "share_group");
        router.add("GET", "/api/v5/topics", this::topics, true)
                .describe("List the routes: each distinct topic filter subscribed to (shared ones without their "
                        + "$share/<group>/ prefix)", "{data: [{topic, node}], meta}", Router.PAGING, "topic");
    }

    private ApiResponse subscriptions(ApiRequest r) {
        Paging paging = Paging.of(r);
        Predicate<Subscription> filter = filter(r);
        List<Map<String, Object>> matching = all().stream().filter(filter).sorted(ORDER).map(ClientsApi::json)
                .toList();
        return ApiResponse.ok(paging.apply(matching));
    }

    private ApiResponse topics(ApiRequest r) {
        Paging paging = Paging.of(r);
        String topic = r.query("topic");
        TreeSet<String> routes = new TreeSet<>();
        for (Subscription s : all()) {
            if (topic == null || topic.equals(s.topicFilter())) {
                routes.add(s.topicFilter());
            }
        }
        List<Map<String, Object>> data = routes.stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("topic", t);
            m.put("node", node);
            return m;
        }).toList();
        return ApiResponse.ok(paging.apply(data));
    }

    private List<Subscription> all() {
        return clients.sessions().stream().map(SessionSnapshot::subscriptions).flatMap(List::stream).toList();
    }

    /**
     * The filters of {@code GET /api/v5/subscriptions}: {@code clientid}, {@code topic} (the filter as subscribed,
     * with a {@code $share/} prefix if any, or without it), {@code qos}, {@code share_group}.
     */
    static Predicate<Subscription> filter(ApiRequest r) {
        String clientId = r.query("clientid");
        String topic = r.query("topic");
        String group = r.query("share_group");
        Integer qos = r.query("qos") == null ? null : Paging.number(r, "qos", 0, 2, 0);
        return s -> (clientId == null || clientId.equals(s.clientId()))
                && (topic == null || topic.equals(s.fullTopicFilter()) || topic.equals(s.topicFilter()))
                && (qos == null || qos == s.qos())
                && (group == null || group.equals(s.shareGroup()));
    }
}
