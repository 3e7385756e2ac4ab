package io.berth.server.management;

import io.berth.server.config.ListenerSettings;
import io.berth.server.config.ListenerUpdate;
import io.berth.server.listener.ListenerException;
import io.berth.server.listener.ListenerManager;
import io.berth.server.listener.ListenerNotFoundException;
import io.berth.server.listener.ListenerStateException;
import io.berth.server.listener.ListenerStatus;
import io.berth.server.tls.ServerTls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The listeners API, on EMQX's paths:
 * <pre>
 * GET  /api/v5/listeners                      every listener with its state
 * GET  /api/v5/listeners/{id}                 one listener
 * PUT  /api/v5/listeners/{id}                 change bind, max_connections, enabled (JSON object)
 * POST /api/v5/listeners/{id}/start           start a stopped listener
 * POST /api/v5/listeners/{id}/stop            stop it, closing its connections
 * POST /api/v5/listeners/{id}/restart         stop and start
 * POST /api/v5/listeners/{id}/reload-certs    reload its certificate files (ssl, wss)
 * </pre>
 * Errors: 400 BAD_LISTENER_ID / BAD_REQUEST, 404 NOT_FOUND, 409 BAD_LISTENER_STATE, 500 INTERNAL_ERROR (bind failed).
 */
final class ListenersApi {

    private static final String BASE = "/api/v5/listeners";
    private static final Pattern ID = Pattern.compile("(tcp|ssl|ws|wss|quic):[a-z0-9]+(?:[_-][a-z0-9]+)*");

    private final ListenerManager manager;

    ListenersApi(ListenerManager manager) {
        this.manager = manager;
    }

    void register(Router router) {
        router.add("GET", BASE, r -> ApiResponse.ok(manager.list().stream().map(ListenersApi::json).toList()), true)
                .describe("Every listener with its state and connection count", "[listener]");
        router.add("GET", BASE + "/{id}", r -> call(r, () -> manager.status(id(r))), true)
                .describe("One listener (id type:name, e.g. tcp:default)", "listener; 404 NOT_FOUND");
        router.add("PUT", BASE + "/{id}", this::update, true)
                .describe("Change a listener's bind, max_connections or enabled; a failed change leaves the old "
                        + "listener running", "listener; 400 BAD_REQUEST; 404; 500 when the new bind fails");
        router.add("POST", BASE + "/{id}/start", r -> call(r, () -> manager.start(id(r))), true)
                .describe("Start a stopped listener", "listener; 409 BAD_LISTENER_STATE");
        router.add("POST", BASE + "/{id}/stop", r -> call(r, () -> manager.stop(id(r))), true)
                .describe("Stop a listener, closing its connections", "listener; 409 BAD_LISTENER_STATE");
        router.add("POST", BASE + "/{id}/restart", r -> call(r, () -> manager.restart(id(r))), true)
                .describe("Stop and start a listener", "listener");
        router.add("POST", BASE + "/{id}/reload-certs", this::reloadCertificates, true)
                .describe("Reload an ssl or wss listener's certificate files", "{id, reloaded, detail}; 400 "
                        + "RELOAD_FAILED (the previous certificate stays in use)");
    }

    private ApiResponse update(ApiRequest r) {
        String id = id(r);
        Map<String, Object> changes = Json.readObject(r.body());
        return call(r, () -> {
            ListenerSettings current = configOf(id);
            ListenerSettings next;
            try {
                next = ListenerUpdate.apply(current, changes);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "BAD_REQUEST", "listener " + id + ": " + e.getMessage());
            }
            return manager.update(next);
        });
    }

    private ListenerSettings configOf(String id) {
        return manager.config(id);
    }

    private ApiResponse reloadCertificates(ApiRequest r) {
        String id = id(r);
        try {
            ServerTls.ReloadResult result = manager.reloadCertificates(id);
            if (!result.reloaded()) {
                throw new ApiException(400, "RELOAD_FAILED", "listener " + id + ": " + result.detail()
                        + " (the previous certificate stays in use)");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", result.listenerId());
            body.put("reloaded", true);
            body.put("detail", result.detail());
            return ApiResponse.ok(body);
        } catch (ListenerNotFoundException e) {
            throw new ApiException(404, "NOT_FOUND", e.getMessage());
        } catch (ListenerStateException e) {
            throw new ApiException(409, "BAD_LISTENER_STATE", e.getMessage());
        }
    }

    private static ApiResponse call(ApiRequest r, Supplier<ListenerStatus> operation) {
        try {
            return ApiResponse.ok(json(operation.get()));
        } catch (ListenerNotFoundException e) {
            throw new ApiException(404, "NOT_FOUND", e.getMessage());
        } catch (ListenerStateException e) {
            throw new ApiException(409, "BAD_LISTENER_STATE", e.getMessage());
        } catch (ListenerException e) {
            throw new ApiException(500, "INTERNAL_ERROR", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "BAD_REQUEST", e.getMessage());
        }
    }

    private static String id(ApiRequest r) {
        String id = r.param("id");
        if (!ID.matcher(id).matches()) {
            throw new ApiException(400, "BAD_LISTENER_ID", "listener id must be type:name with type tcp, ssl, ws, "
                    + "wss or quic (e.g. tcp:default), got \"" + id + "\"");
        }
        return id;
    }

    /** A listener as JSON, with EMQX's field names where EMQX has the field. */
    static Map<String, Object> json(ListenerStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("type", s.type());
        m.put("name", s.name());
        m.put("enable", s.enabled());
        m.put("running", s.running());
        m.put("bind", s.bind());
        m.put("port", s.port());
        m.put("current_connections", s.currentConnections());
        m.put("max_connections", s.maxConnections() == Integer.MAX_VALUE ? "infinity" : s.maxConnections());
        m.put("tls", s.tls());
        return m;
    }

    static List<Map<String, Object>> json(List<ListenerStatus> all) {
        return all.stream().map(ListenersApi::json).toList();
    }
}
