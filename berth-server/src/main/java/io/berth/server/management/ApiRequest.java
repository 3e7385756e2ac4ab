package io.berth.server.management;

import io.berth.server.management.auth.Caller;

import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request, as a route sees it.
 *
 * @param method     GET, POST, PUT, DELETE
 * @param path       the decoded path, without the query
 * @param pathParams the values of the route's {@code {name}} segments
 * @param body       the request body (empty when none)
 * @param caller     who sent it (an anonymous caller on public paths)
 */
public record ApiRequest(String method, String path, Map<String, String> pathParams, byte[] body, Caller caller) {

    public ApiRequest {
        Objects.requireNonNull(caller, "caller");
    }

    /** A request from an anonymous caller on loopback (tests of routes). */
    public ApiRequest(String method, String path, Map<String, String> pathParams, byte[] body) {
        this(method, path, pathParams, body, Caller.anonymous("127.0.0.1"));
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
