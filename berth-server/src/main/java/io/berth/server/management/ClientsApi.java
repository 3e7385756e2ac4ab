package io.berth.server.management;

import io.berth.core.subscription.Subscription;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clients API, on EMQX's paths:
 * <pre>
 * GET    /api/v5/clients                              connected clients and kept sessions (paging, filters)
 * GET    /api/v5/clients/{clientid}                   one client
 * DELETE /api/v5/clients/{clientid}                   kick: DISCONNECT 0x98 to MQTT 5 clients, session per expiry
 * GET    /api/v5/clients/{clientid}/subscriptions     its subscriptions
 * </pre>
 * Every route waits for copies taken on the event loops ({@link ClientDirectory}), so they run on the management
 * executor.
 */
final class ClientsApi {

    private static final String BASE = "/api/v5/clients";

    private final ClientDirectory clients;

    ClientsApi(ClientDirectory clients) {
        this.clients = clients;
    }

    void register(Router router) {
        router.add("GET", BASE, this::list, true).describe("List connected clients and sessions kept without a "
                + "connection, sorted by client id", "{data: [client], meta: {page, limit, count, hasnext}}",
                Router.PAGING, "clientid", "username", "ip_address", "conn_state", "proto_ver", "like_clientid",
                "like_username");
        router.add("GET", BASE + "/{clientid}", r -> ApiResponse.ok(find(r).json()), true)
                .describe("One client: connection, session counters, traffic", "client; 404 CLIENTID_NOT_FOUND");
        router.add("DELETE", BASE + "/{clientid}", this::kick, true).describe("Kick a connected client (MQTT 5: "
                + "DISCONNECT 0x98 administrative action); its session is kept or ended per its expiry interval",
                "204; 404 CLIENTID_NOT_FOUND");
        router.add("GET", BASE + "/{clientid}/subscriptions", r -> ApiResponse.ok(
                find(r).session().subscriptions().stream().sorted(SubscriptionsApi.ORDER)
                        .map(ClientsApi::json).toList()), true)
                .describe("A client's subscriptions", "[{clientid, topic, qos, nl, rap, rh, share}]");
    }

    private ApiResponse list(ApiRequest r) {
        Paging paging = Paging.of(r);
        ClientFilter filter = ClientFilter.of(r);
        List<Map<String, Object>> matching = clients.all().stream().filter(filter).map(ClientView::json).toList();
        return ApiResponse.ok(paging.apply(matching));
    }

    private ClientView find(ApiRequest r) {
        ClientView c = clients.find(r.param("clientid"));
        if (c == null) {
            throw notFound(r);
        }
        return c;
    }

    private ApiResponse kick(ApiRequest r) {
        if (!clients.kick(r.param("clientid"))) {
            throw notFound(r);
        }
        return new ApiResponse(204, null);
    }

    private static ApiException notFound(ApiRequest r) {
        return new ApiException(404, "CLIENTID_NOT_FOUND", "no connected client or kept session with client id \""
                + r.param("clientid") + "\"");
    }

    /** A subscription in EMQX's field names. */
    static Map<String, Object> json(Subscription s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientid", s.clientId());
        m.put("topic", s.fullTopicFilter());
        m.put("qos", s.qos());
        m.put("nl", s.noLocal() ? 1 : 0);
        m.put("rap", s.retainAsPublished() ? 1 : 0);
        m.put("rh", s.retainHandling());
        m.put("share", s.shareGroup());
        return m;
    }
}
