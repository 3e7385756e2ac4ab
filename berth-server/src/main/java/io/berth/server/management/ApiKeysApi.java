package io.berth.server.management;

import io.berth.server.management.auth.ApiKeys;
import io.berth.server.management.auth.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * API keys for scripts, on EMQX's paths: {@code POST /api/v5/api_key} ({@code name}, {@code role},
 * {@code expired_at}, {@code desc}) answers the key and its secret, shown this once; {@code GET /api/v5/api_key},
 * {@code GET} and {@code DELETE /api/v5/api_key/{name}}. Changes write the key file: blocking routes.
 */
final class ApiKeysApi {

    private static final Logger LOG = LoggerFactory.getLogger("event.management");
    private static final Set<String> FIELDS = Set.of("name", "role", "expired_at", "desc", "enable");

    private final ApiKeys keys;

    ApiKeysApi(ApiKeys keys) {
        this.keys = keys;
    }

    void register(Router router) {
        router.get("/api/v5/api_key", r -> ApiResponse.ok(keys.list().stream().map(ApiKeysApi::json).toList()))
                .describe("API keys for scripts", "[api key]");
        router.get("/api/v5/api_key/{name}", r -> ApiResponse.ok(json(find(r.param("name")))))
                .describe("One API key", "api key");
        router.add("POST", "/api/v5/api_key", this::create, true).describe("Create an API key", "api key");
        router.add("DELETE", "/api/v5/api_key/{name}", this::remove, true).describe("Delete an API key", "204");
    }

    private ApiResponse create(ApiRequest r) {
        BodyFields body = BodyFields.of(r, FIELDS);
        if (!body.bool("enable", true)) {
            throw new ApiException(400, "BAD_REQUEST", "\"enable\": false is not supported: a key is enabled "
                    + "until it is deleted or expires");
        }
        Role role;
        Instant expires;
        try {
            role = body.has("role") ? Role.of(body.text("role")) : Role.ADMINISTRATOR;
            String exp = body.text("expired_at");
            expires = exp == null || exp.equals("infinity") ? null : Instant.parse(exp);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ApiException(400, "BAD_REQUEST", e instanceof DateTimeParseException
                    ? "\"expired_at\" must be an ISO-8601 instant such as 2027-01-01T00:00:00Z or \"infinity\""
                    : e.getMessage());
        }
        ApiKeys.Created created;
        try {
            created = keys.create(body.requiredText("name"), role, expires, body.text("desc"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "BAD_REQUEST", e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(409, "ALREADY_EXISTS", e.getMessage());
        }
        LOG.info("management.api_key_created name={} role={} by={}", created.key().name(), role.key(),
                r.caller().name());
        Map<String, Object> out = json(created.key());
        out.put("api_secret", created.secret());
        return ApiResponse.ok(out).withHeader("Cache-Control", "no-store");
    }

    private ApiResponse remove(ApiRequest r) {
        if (!keys.remove(r.param("name"))) {
            throw new ApiException(404, "NOT_FOUND", "no API key named " + r.param("name"));
        }
        LOG.info("management.api_key_deleted name={} by={}", r.param("name"), r.caller().name());
        return new ApiResponse(204, null);
    }

    private ApiKeys.Key find(String name) {
        return keys.list().stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new ApiException(404, "NOT_FOUND", "no API key named " + name));
    }

    private static Map<String, Object> json(ApiKeys.Key k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", k.name());
        m.put("api_key", k.apiKey());
        m.put("role", k.role().key());
        m.put("expired_at", k.expiresAt() == null ? "infinity" : k.expiresAt().toString());
        m.put("desc", k.description());
        m.put("enable", k.enabled());
        m.put("created_at", k.createdAt().toString());
        return m;
    }
}
