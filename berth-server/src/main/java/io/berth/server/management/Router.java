package io.berth.server.management;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Routes registered by method and path pattern: {@code /api/v5/listeners/{id}/start}, where a {@code {name}} segment
 * matches any one segment. A literal segment wins over a {@code {name}} at the same place. Register every route
 * before the server starts; after that the router is only read.
 */
public final class Router {

    /** Answers one request. Runs on the event loop, or on the management executor for blocking routes. */
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    /**
     * @param blocking whether the handler blocks (binding, file reads, waiting on futures): it then runs on the
     *                 management executor, never on the event loop
     */
    record Route(String method, String[] segments, Handler handler, boolean blocking, Doc doc) {

        /** The path pattern as registered, e.g. {@code /api/v5/clients/{clientid}}. */
        String pattern() {
            return "/" + String.join("/", segments);
        }
    }

    /**
     * What the OpenAPI document says about a route.
     *
     * @param summary  one line on what the route does
     * @param response what it answers (shape and error statuses), in words
     * @param query    the query parameters it reads
     */
    record Doc(String summary, String response, List<String> query) {
    }

    /** The query parameters of EMQX's paging ({@link Paging}), for {@link #describe}. */
    public static final String PAGING = "page,limit";

    /** The route for a request and the values of its {@code {name}} segments. */
    record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** Registers a handler that answers without blocking; it runs on the event loop. */
    public Router get(String pattern, Handler handler) {
        return add("GET", pattern, handler, false);
    }

    /** Registers a handler for {@code method} and {@code pattern}. */
    public Router add(String method, String pattern, Handler handler, boolean blocking) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("pattern must start with /: " + pattern);
        }
        routes.add(new Route(method, split(pattern), handler, blocking, null));
        return this;
    }

    /**
     * Describes the route registered last, for {@code /api/v5/openapi.json}.
     *
     * @param query its query parameters; an entry may hold several, separated by commas ({@link #PAGING})
     */
    public Router describe(String summary, String response, String... query) {
        Route last = routes.remove(routes.size() - 1);
        List<String> names = new ArrayList<>();
        for (String q : query) {
            names.addAll(List.of(q.split(",")));
        }
        routes.add(new Route(last.method(), last.segments(), last.handler(), last.blocking(),
                new Doc(summary, response, List.copyOf(names))));
        return this;
    }

    /** Gives the route registered last another handler (same method, pattern, description). */
    Router replaceLast(Handler handler) {
        Route last = routes.remove(routes.size() - 1);
        routes.add(new Route(last.method(), last.segments(), handler, last.blocking(), last.doc()));
        return this;
    }

    /** Every registered route, in registration order. */
    List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * The route for {@code method} and {@code rawPath}.
     *
     * @throws ApiException 404 when no route has the path, 405 when routes have it for other methods only
     */
    Match match(String method, String rawPath) {
        String[] segments = split(rawPath);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = QueryStringDecoder.decodeComponent(segments[i]);
        }
        Match best = null;
        int bestLiterals = -1;
        TreeSet<String> allowed = new TreeSet<>();
        for (Route r : routes) {
            Map<String, String> params = params(r.segments(), segments);
            if (params == null) {
                continue;
            }
            allowed.add(r.method());
            int literals = r.segments().length - params.size();
            if (r.method().equals(method) && literals > bestLiterals) {
                best = new Match(r, params);
                bestLiterals = literals;
            }
        }
        if (best != null) {
            return best;
        }
        if (!allowed.isEmpty()) {
            throw new ApiException(405, "METHOD_NOT_ALLOWED", method + " " + rawPath + " is not allowed; allowed: "
                    + String.join(", ", allowed));
        }
        throw new ApiException(404, "NOT_FOUND", "no such path: " + rawPath);
    }

    private static Map<String, String> params(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), path[i]);
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(1).split("/", -1);
    }
}
