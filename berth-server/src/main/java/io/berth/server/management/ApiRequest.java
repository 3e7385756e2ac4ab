package io.berth.server.management;

import java.util.Map;

/**
 * One HTTP request, as a route sees it.
 *
 * @param method     GET, POST, PUT, DELETE
 * @param path       the decoded path, without the query
 * @param pathParams the values of the route's {@code {name}} segments
 * @param body       the request body (empty when none)
 */
public record ApiRequest(String method, String path, Map<String, String> pathParams, byte[] body) {

    /** The value of the path segment {@code {name}}. */
    public String param(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no {" + name + "}");
        }
        return value;
    }
}
