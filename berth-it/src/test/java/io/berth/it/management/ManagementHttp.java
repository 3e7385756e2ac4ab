package io.berth.it.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.ManagementApi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A JDK HttpClient pointed at a broker's management endpoint, logged in as the test administrator; see also the
 * testkit's {@link ManagementApi}.
 */
final class ManagementHttp {

    record Reply(int status, JsonNode json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    /** Logs in as {@code admin} with {@link EmbeddedBroker#MANAGEMENT_PASSWORD}. */
    ManagementHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.token = ManagementApi.login(port, ManagementApi.ADMIN, EmbeddedBroker.MANAGEMENT_PASSWORD).token();
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Reply post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    Reply put(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> res = client.send(request.timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = res.body().isEmpty() ? null : JSON.readTree(res.body());
        return new Reply(res.statusCode(), body);
    }
}
