package io.berth.server.management;

import java.util.List;
import java.util.Map;

/**
 * One HTTP request, as a route sees it.
 *
 * @param method     GET, POST, PUT, DELETE
 * @param path       the decoded path, without the query
 * @param pathParams the values of the route's {@code {name}} segments
 * @param body       the request body (empty when none)
 * @param query      the decoded query parameters ({@code ?page=2&limit=50}), each name with its values
 */
public record ApiRequest(String method, String path, Map<String, String> pathParams, byte[] body,
                         Map<String, List<String>> query) {

    public ApiRequest(String method, String path, Map<String, String> pathParams, byte[] body) {
        this(method, path, pathParams, body, Map.of());
    }

    /** The first value of the query parameter {@code name}, or null when absent. */
    public String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The value of the path segment {@code {name}}. */
    public String param(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no {" + name + "}");
        }
        return value;
    }
}
