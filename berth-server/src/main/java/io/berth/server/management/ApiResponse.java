package io.berth.server.management;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: an HTTP status and a body written as JSON.
 *
 * @param status HTTP status code
 * @param body   anything Jackson writes (records, maps, lists), or null for no body (204)
 */
public record ApiResponse(int status, Object body) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    /** An error in EMQX's shape: {@code {"code": "NOT_FOUND", "message": "..."}}. */
    public static ApiResponse error(int status, String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return new ApiResponse(status, body);
    }
}
