package io.berth.server.management;

import io.berth.server.protection.RecentEvents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v5/events?clientid=&username=&ip=&event=&limit=}: the connection log's recent events (connects
 * with their result, disconnects, refusals, authentication failures, ACL denials, bans, alarms), newest first, from
 * an in-memory ring of the last {@link RecentEvents#DEFAULT_CAPACITY}; the full history is in
 * {@code <log.dir>/events.log}. Each event has the fields of its line in that file.
 */
final class EventsApi {

    private final RecentEvents events;

    EventsApi(RecentEvents events) {
        this.events = events;
    }

    void register(Router router) {
        router.add("GET", "/api/v5/events", this::list, true)
                .describe("Recent connection-log events, newest first", "{data: [event], meta: {limit, count}}",
                        "clientid", "username", "ip", "event", "limit");
    }

    private ApiResponse list(ApiRequest r) {
        int limit = Paging.number(r, "limit", 1, events.capacity(), Paging.DEFAULT_LIMIT);
        String clientId = r.query("clientid");
        String username = r.query("username");
        String ip = r.query("ip");
        String event = r.query("event");
        List<Map<String, Object>> data = new ArrayList<>();
        for (String line : events.newestFirst()) {
            if (data.size() == limit) {
                break;
            }
            Map<String, Object> e = Json.readObject(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if ((clientId == null || clientId.equals(e.get("client_id")))
                    && (username == null || username.equals(e.get("username")))
                    && (ip == null || ip.equals(e.get("peer_address")))
                    && (event == null || event.equals(e.get("event")))) {
                data.add(e);
            }
        }
        return ApiResponse.ok(Map.of("data", data, "meta", Map.of("limit", limit, "count", data.size())));
    }
}
