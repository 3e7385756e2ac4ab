package io.berth.server.management;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/v5/openapi.json}: an OpenAPI 3.0 document generated from the {@link Router}'s registered routes
 * and their {@link Router#describe descriptions}, so it lists exactly the routes the endpoint answers. Built once,
 * when the route is registered last.
 */
final class OpenApi {

    private OpenApi() {
    }

    /** Registers the document's route; call after every other route is registered. */
    static void register(Router router, String version) {
        router.get("/api/v5/openapi.json", r -> null); // a place holder so that the document lists itself
        router.describe("This document: every route of the management endpoint", "OpenAPI 3.0 JSON");
        Map<String, Object> document = document(router.routes(), version);
        router.replaceLast(r -> ApiResponse.ok(document));
    }

    static Map<String, Object> document(List<Router.Route> routes, String version) {
        Map<String, Object> paths = new TreeMap<>();
        for (Router.Route route : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> operations = (Map<String, Object>) paths.computeIfAbsent(route.pattern(),
                    p -> new LinkedHashMap<>());
            operations.put(route.method().toLowerCase(java.util.Locale.ROOT), operation(route));
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("title", "Berth management API");
        info.put("version", version);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", info);
        doc.put("paths", paths);
        return doc;
    }

    private static Map<String, Object> operation(Router.Route route) {
        Router.Doc doc = route.doc();
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (String segment : route.segments()) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                parameters.add(parameter(segment.substring(1, segment.length() - 1), "path", true));
            }
        }
        if (doc != null) {
            doc.query().forEach(q -> parameters.add(parameter(q, "query", false)));
        }
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", doc == null ? route.method() + " " + route.pattern() : doc.summary());
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("description", doc == null ? "see docs/management-api.md" : doc.response());
        op.put("responses", Map.of("default", ok));
        return op;
    }

    private static Map<String, Object> parameter(String name, String in, boolean required) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("in", in);
        p.put("required", required);
        p.put("schema", Map.of("type", "string"));
        return p;
    }
}
