package io.berth.server.management;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a route answers: an HTTP status and a body, written as JSON unless a content type says it is text.
 *
 * @param status      HTTP status code
 * @param body        anything Jackson writes (records, maps, lists), or null for no body (204); a {@code String}
 *                    when {@code contentType} is set
 * @param contentType null for JSON, else the content type of a text body (e.g. Prometheus' exposition format)
 * @param headers     extra response headers, e.g. {@code Retry-After}
 */
public record ApiResponse(int status, Object body, String contentType, Map<String, String> headers) {

    public ApiResponse {
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    }

    public ApiResponse(int status, Object body, String contentType) {
        this(status, body, contentType, Map.of());
    }

    public ApiResponse(int status, Object body) {
        this(status, body, null);
    }

    /** A copy with one more header. */
    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, body, contentType, more);
    }

    /** A text answer, sent as UTF-8 with this content type. */
    public static ApiResponse text(int status, String contentType, String text) {
        return new ApiResponse(status, text, contentType);
    }

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
