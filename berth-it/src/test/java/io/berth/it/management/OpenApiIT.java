package io.berth.it.management;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.server.config.ManagementConfig;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v5/openapi.json} lists the routes the endpoint answers, generated from the router. */
class OpenApiIT {

    @Test
    void openApi_listsEveryRoute_withSummariesAndParameters() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            ManagementHttp http = new ManagementHttp(broker.managementPort());
            ManagementHttp.Reply reply = http.get("/api/v5/openapi.json");
            assertThat(reply.status()).isEqualTo(200);
            JsonNode doc = reply.json();
            assertThat(doc.get("openapi").asText()).startsWith("3.");
            JsonNode paths = doc.get("paths");
            for (String path : new String[] {"/api/v5/clients", "/api/v5/clients/{clientid}", "/api/v5/listeners",
                    "/api/v5/banned", "/api/v5/mqtt/retainer/messages", "/api/v5/stats", "/api/v5/openapi.json",
                    "/api/v5/authorization/sources/file", "/metrics"}) {
                assertThat(paths.has(path)).as(path).isTrue();
            }
            JsonNode kick = paths.get("/api/v5/clients/{clientid}").get("delete");
            assertThat(kick.get("summary").asText()).contains("Kick");
            assertThat(kick.get("parameters").get(0).get("in").asText()).isEqualTo("path");
            JsonNode list = paths.get("/api/v5/clients").get("get");
            assertThat(list.get("parameters").findValuesAsText("name")).contains("page", "limit", "like_clientid");
            // every route documented: a route without a description would show its bare method and path
            paths.fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> assertThat(
                    op.getValue().get("summary").asText()).as(p.getKey()).doesNotStartWith(op.getKey()
                    .toUpperCase() + " /")));
        }
    }
}
