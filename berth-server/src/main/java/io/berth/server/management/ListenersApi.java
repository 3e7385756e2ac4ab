package io.berth.server.management;

import io.berth.server.config.ConfigException;
import io.berth.server.listener.ListenerException;
import io.berth.server.listener.ListenerExistsException;
import io.berth.server.listener.ListenerManager;
import io.berth.server.listener.ListenerNotFoundException;
import io.berth.server.listener.ListenerStateException;
import io.berth.server.listener.ListenerStatus;
import io.berth.server.listener.RuntimeListeners;
import io.berth.server.tls.ServerTls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The listeners API, on EMQX's paths:
 * <pre>
 * GET    /api/v5/listeners                    every listener with its state
 * POST   /api/v5/listeners                    create one: {"type": "tcp", "name": "extra", "bind": ..., ...}
 * GET    /api/v5/listeners/{id}               one listener
 * PUT    /api/v5/listeners/{id}               change keys of its block (JSON object, config file names)
 * DELETE /api/v5/listeners/{id}               stop it (closing its connections) and remove it
 * POST /api/v5/listeners/{id}/start           start a stopped listener
 * POST /api/v5/listeners/{id}/stop            stop it, closing its connections
 * POST /api/v5/listeners/{id}/restart         stop and start
 * POST /api/v5/listeners/{id}/reload-certs    reload its certificate files (ssl, wss)
 * </pre>
 * Changes (create, update, delete, start, stop) are persisted by {@link RuntimeListeners}.
 * Errors: 400 BAD_LISTENER_ID / BAD_REQUEST, 404 NOT_FOUND, 409 BAD_LISTENER_STATE, 500 INTERNAL_ERROR (bind failed).
 */
final class ListenersApi {

    private static final String BASE = "/api/v5/listeners";
    private static final Pattern ID = Pattern.compile("(tcp|ssl|ws|wss|quic):[a-z0-9]+(?:[_-][a-z0-9]+)*");

    private final RuntimeListeners runtime;
    private final ListenerManager manager;

    ListenersApi(RuntimeListeners runtime) {
        this.runtime = runtime;
        this.manager = runtime.manager();
    }

    void register(Router router) {
        router.add("GET", BASE, r -> ApiResponse.ok(manager.list().stream().map(ListenersApi::json).toList()), true)
                .describe("Every listener with its state and connection count", "[listener]");
        router.add("POST", BASE, this::create, true)
                .describe("Create a listener from an EMQX-style body {type, name, bind, ...}; kept in the runtime "
                        + "override file", "listener; 400 BAD_REQUEST naming the key; 500 when it cannot bind");
        router.add("GET", BASE + "/{id}", r -> call(r, () -> manager.status(id(r))), true)
                .describe("One listener (id type:name, e.g. tcp:default)", "listener; 404 NOT_FOUND");
        router.add("PUT", BASE + "/{id}", this::update, true)
                .describe("Change any key of a listener's block (bind, TLS options, WebSocket path, access rules, "
                        + "rates, PROXY protocol, enabled); a failed change leaves the old listener running",
                        "listener; 400 BAD_REQUEST; 404; 500 when the new listener fails");
        router.add("DELETE", BASE + "/{id}", this::delete, true)
                .describe("Stop a listener, close its connections and remove it from the config", "204; 404");
        router.add("POST", BASE + "/{id}/start", r -> call(r, () -> runtime.start(id(r))), true)
                .describe("Start a stopped listener (kept as enabled = true)", "listener; 409 BAD_LISTENER_STATE");
        router.add("POST", BASE + "/{id}/stop", r -> call(r, () -> runtime.stop(id(r))), true)
                .describe("Stop a listener, closing its connections (kept as enabled = false)",
                        "listener; 409 BAD_LISTENER_STATE");
        router.add("POST", BASE + "/{id}/restart", r -> call(r, () -> manager.restart(id(r))), true)
                .describe("Stop and start a listener", "listener");
        router.add("POST", BASE + "/{id}/reload-certs", this::reloadCertificates, true)
                .describe("Reload an ssl, wss or quic listener's certificate files", "{id, reloaded, detail}; 400 "
                        + "RELOAD_FAILED (the previous certificate stays in use)");
    }

    /**
     * EMQX's body: the listener's keys plus {@code type} and {@code name} (or {@code id} = {@code type:name}).
     */
    private ApiResponse create(ApiRequest r) {
        Map<String, Object> body = new LinkedHashMap<>(Json.readObject(r.body()));
        Object id = body.remove("id");
        Object type = body.remove("type");
        Object name = body.remove("name");
        if (id instanceof String s && s.contains(":")) {
            String[] typeName = s.split(":", 2);
            if ((type != null && !typeName[0].equals(type)) || (name != null && !typeName[1].equals(name))) {
                throw new ApiException(400, "BAD_REQUEST", "id \"" + s + "\" does not match type and name");
            }
            type = typeName[0];
            name = typeName[1];
        }
        if (!(type instanceof String t) || !(name instanceof String n)) {
            throw new ApiException(400, "BAD_REQUEST", "a new listener needs \"type\" (tcp, ssl, ws, wss or quic) "
                    + "and \"name\", e.g. {\"type\": \"tcp\", \"name\": \"extra\", \"bind\": \"0.0.0.0:1884\"}");
        }
        return call(r, () -> runtime.create(t, n, body, "POST " + BASE));
    }

    private ApiResponse update(ApiRequest r) {
        String id = id(r);
        Map<String, Object> changes = Json.readObject(r.body());
        return call(r, () -> runtime.update(id, changes, "PUT " + BASE + "/" + id));
    }

    private ApiResponse delete(ApiRequest r) {
        String id = id(r);
        call(r, () -> {
            runtime.delete(id);
            return null;
        });
        return new ApiResponse(204, null);
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
            ListenerStatus status = operation.get();
            return status == null ? null : ApiResponse.ok(json(status));
        } catch (ConfigException e) {
            throw new ApiException(400, "BAD_REQUEST", String.join("; ", e.problems()));
        } catch (ListenerExistsException e) {
            throw new ApiException(400, "BAD_LISTENER_ID", e.getMessage());
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
