package io.berth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A JDK HTTP client for an {@link EmbeddedBroker}'s management endpoint, signed in: {@link #login(EmbeddedBroker)}
 * logs in as the test administrator ({@code admin} / {@link EmbeddedBroker#MANAGEMENT_PASSWORD}) and sends the token
 * with every call; {@link #withApiKey} uses HTTP Basic with an API key; {@link #anonymous} sends no credentials.
 * Calls throw unchecked exceptions so they fit in Awaitility lambdas.
 */
public final class ManagementApi {

    /** The test administrator's username ({@code dashboard.default_username}'s default). */
    public static final String ADMIN = "admin";

    /** One answer: HTTP status, body text and headers. */
    public record Reply(int status, String body, HttpHeaders headers) {

        /** The body as JSON, or null when it is empty. */
        public JsonNode json() {
            try {
                return body.isEmpty() ? null : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        /** A header's first value, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    private ManagementApi(int port, String authorization) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = authorization;
    }

    /** Logged in as the test administrator. */
    public static ManagementApi login(EmbeddedBroker broker) {
        return login(broker.managementPort(), ADMIN, EmbeddedBroker.MANAGEMENT_PASSWORD);
    }

    /** Logged in as {@code username}. */
    public static ManagementApi login(EmbeddedBroker broker, String username, String password) {
        return login(broker.managementPort(), username, password);
    }

    /**
     * Logged in on the endpoint at {@code port}.
     *
     * @throws IllegalStateException if the login is refused
     */
    public static ManagementApi login(int port, String username, String password) {
        Reply r = anonymous(port).login(username, password);
        if (r.status() != 200) {
            throw new IllegalStateException("login as " + username + " refused: HTTP " + r.status() + " " + r.body());
        }
        return withToken(port, r.json().get("token").asText());
    }

    /** Sends {@code Authorization: Bearer token}. */
    public static ManagementApi withToken(int port, String token) {
        return new ManagementApi(port, "Bearer " + token);
    }

    /** Sends the API key as HTTP Basic credentials. */
    public static ManagementApi withApiKey(EmbeddedBroker broker, String apiKey, String apiSecret) {
        return new ManagementApi(broker.managementPort(), "Basic " + Base64.getEncoder()
                .encodeToString((apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends no credentials. */
    public static ManagementApi anonymous(EmbeddedBroker broker) {
        return anonymous(broker.managementPort());
    }

    public static ManagementApi anonymous(int port) {
        return new ManagementApi(port, null);
    }

    /** {@code POST /api/v5/login}: the raw answer, whatever it is. */
    public Reply login(String username, String password) {
        String body = JSON.createObjectNode().put("username", username).put("password", password).toString();
        return post("/api/v5/login", body);
    }

    /** The bearer token this client sends, or null. */
    public String token() {
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    }

    public String baseUri() {
        return base;
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> res = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(res.statusCode(), res.body(), res.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
