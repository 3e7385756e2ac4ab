package io.berth.server.management;

import io.berth.core.alarm.Alarm;
import io.berth.core.alarm.AlarmRegistry;
import io.berth.core.ban.Ban;
import io.berth.core.ban.BanList;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bans and alarms over HTTP, on EMQX's paths: {@code GET /api/v5/banned}, {@code POST /api/v5/banned} (a new ban
 * disconnects the connected clients it matches), {@code DELETE /api/v5/banned/{as}/{who}}, and
 * {@code GET /api/v5/alarms} (active ones first, then the cleared history). Writing a ban touches the ban file, so
 * those routes run on the management executor.
 */
final class ProtectionApi {

    private final BanList bans;
    private final AlarmRegistry alarms;
    private final Clock clock;

    ProtectionApi(BanList bans, AlarmRegistry alarms, Clock clock) {
        this.bans = bans;
        this.alarms = alarms;
        this.clock = clock;
    }

    void register(Router router) {
        router.add("GET", "/api/v5/banned", r -> ApiResponse.ok(Map.of("data",
                bans.list().stream().map(ProtectionApi::json).toList())), true)
                .describe("Every ban", "{data: [{as, who, reason, by, at, until}]}");
        router.add("POST", "/api/v5/banned", this::add, true)
                .describe("Ban a clientid, username or peerhost; connected clients it matches are disconnected",
                        "ban; 400 BAD_REQUEST");
        router.add("DELETE", "/api/v5/banned/{as}/{who}", this::remove, true)
                .describe("Lift a ban", "204; 404 NOT_FOUND");
        router.add("GET", "/api/v5/alarms", r -> {
            List<Map<String, Object>> all = new ArrayList<>();
            alarms.active().forEach(a -> all.add(json(a)));
            alarms.cleared().forEach(a -> all.add(json(a)));
            return ApiResponse.ok(Map.of("data", all));
        }, false).describe("Active alarms, then the cleared history", "{data: [alarm]}");
    }

    private ApiResponse add(ApiRequest r) {
        Map<String, Object> body = Json.readObject(r.body());
        try {
            Ban ban = new Ban(Ban.Kind.of(text(body, "as", null)), text(body, "who", ""),
                    text(body, "reason", ""), text(body, "by", "management api"), clock.instant(),
                    body.get("until") == null ? null : Instant.parse(text(body, "until", null)));
            bans.add(ban);
            return ApiResponse.ok(json(ban));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ApiException(400, "BAD_REQUEST", e.getMessage());
        }
    }

    private ApiResponse remove(ApiRequest r) {
        Ban.Kind kind;
        try {
            kind = Ban.Kind.of(r.param("as"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "BAD_REQUEST", e.getMessage());
        }
        if (!bans.remove(kind, r.param("who"))) {
            throw new ApiException(404, "NOT_FOUND", "no ban of " + kind.key() + " " + r.param("who"));
        }
        return new ApiResponse(204, null);
    }

    private static String text(Map<String, Object> body, String key, String otherwise) {
        Object v = body.get(key);
        if (v == null) {
            if (otherwise == null) {
                throw new IllegalArgumentException("\"" + key + "\" is required");
            }
            return otherwise;
        }
        return v.toString();
    }

    private static Map<String, Object> json(Ban b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("as", b.kind().key());
        m.put("who", b.who());
        m.put("reason", b.reason());
        m.put("by", b.by());
        m.put("at", b.at().toString());
        m.put("until", b.until() == null ? null : b.until().toString());
        return m;
    }

    private static Map<String, Object> json(Alarm a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("severity", a.severity().key());
        m.put("message", a.message());
        m.put("details", a.details());
        m.put("activated", a.active());
        m.put("activate_at", a.activatedAt().toString());
        m.put("deactivate_at", a.clearedAt() == null ? null : a.clearedAt().toString());
        return m;
    }
}
