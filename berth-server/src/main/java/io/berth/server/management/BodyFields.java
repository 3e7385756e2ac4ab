package io.berth.server.management;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads the fields of a JSON request body, refusing unknown fields and wrong types with a 400 naming the field. */
final class BodyFields {

    private final Map<String, Object> body;

    private BodyFields(Map<String, Object> body) {
        this.body = body;
    }

    /**
     * The body of {@code request} as a JSON object with only {@code allowed} fields.
     *
     * @throws ApiException 400 for a missing or malformed body or an unknown field
     */
    static BodyFields of(ApiRequest request, Set<String> allowed) {
        Map<String, Object> body = Json.readObject(request.body());
        for (String key : body.keySet()) {
            if (!allowed.contains(key)) {
                throw new ApiException(400, "BAD_REQUEST", "unknown field \"" + key + "\"; known fields: "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return new BodyFields(body);
    }

    /** A string field, or null when absent or null. */
    String text(String field) {
        Object v = body.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new ApiException(400, "BAD_REQUEST", "\"" + field + "\" must be a string");
        }
        return s;
    }

    /** A string field that must be present. */
    String requiredText(String field) {
        String s = text(field);
        if (s == null) {
            throw new ApiException(400, "BAD_REQUEST", "\"" + field + "\" is required");
        }
        return s;
    }

    /** A boolean field, or {@code otherwise} when absent. */
    boolean bool(String field, boolean otherwise) {
        Object v = body.get(field);
        if (v == null) {
            return otherwise;
        }
        if (!(v instanceof Boolean b)) {
            throw new ApiException(400, "BAD_REQUEST", "\"" + field + "\" must be true or false");
        }
        return b;
    }

    boolean has(String field) {
        return body.get(field) != null;
    }
}
