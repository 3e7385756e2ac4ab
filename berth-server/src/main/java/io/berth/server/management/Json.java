package io.berth.server.management;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.Map;

/** JSON of the management API: one configured mapper (thread-safe, never reconfigured). */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The body as a JSON object.
     *
     * @throws ApiException 400 if it is empty or not a JSON object
     */
    static Map<String, Object> readObject(byte[] body) {
        if (body.length == 0) {
            throw new ApiException(400, "BAD_REQUEST", "a JSON object is required in the body");
        }
        try {
            return MAPPER.readValue(body, new TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new ApiException(400, "BAD_REQUEST", "the body is not a JSON object: " + why);
        }
    }
}
