package io.berth.server.management;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTest {

    @Test
    void document_listsEachRouteOnce_withPathAndQueryParameters() {
        Router router = new Router();
        router.add("GET", "/api/v5/things", r -> ApiResponse.ok(List.of()), false)
                .describe("List things", "{data, meta}", Router.PAGING, "colour");
        router.add("DELETE", "/api/v5/things/{id}", r -> new ApiResponse(204, null), true)
                .describe("Delete a thing", "204");
        router.add("POST", "/api/v5/undocumented", r -> null, false);

        Map<String, Object> doc = OpenApi.document(router.routes(), "1.2.3");

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>)
                doc.get("paths");
        assertThat(paths).containsOnlyKeys("/api/v5/things", "/api/v5/things/{id}", "/api/v5/undocumented");
        assertThat(paths.get("/api/v5/things").get("get").get("summary")).isEqualTo("List things");
        assertThat(paths.get("/api/v5/things").get("get").get("parameters").toString())
                .contains("name=page", "name=limit", "name=colour", "in=query");
        assertThat(paths.get("/api/v5/things/{id}").get("delete").get("parameters").toString())
                .contains("name=id", "in=path", "required=true");
        assertThat(paths.get("/api/v5/undocumented").get("post").get("summary")).isEqualTo("POST /api/v5/undocumented");
    }

    @Test
    void registeredDocument_includesItself_andAnswersFromTheRouter() {
        Router router = new Router();
        router.add("GET", "/api/v5/a", r -> null, false).describe("A", "a");
        OpenApi.register(router, "9");
        ApiResponse answer = router.match("GET", "/api/v5/openapi.json").route().handler()
                .handle(new ApiRequest("GET", "/api/v5/openapi.json", Map.of(), new byte[0]));
        assertThat(answer.body().toString()).contains("/api/v5/a", "/api/v5/openapi.json", "version=9");
    }
}
