package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Calls the management HTTP endpoint of a running broker and turns its answers into JSON or a readable error. Signs
 * in with {@link Credentials}: a username and password are exchanged for a token on the first call.
 */
public final class ManagementClient {

    /** A login ({@code username}, {@code password}), an API key ({@code apiKey}, {@code apiSecret}), or nothing. */
    public record Credentials(String username, String password, String apiKey, String apiSecret) {

        public static Credentials login(String username, String password) {
            return new Credentials(username, password, null, null);
        }

        public static Credentials apiKey(String key, String secret) {
            return new Credentials(null, null, key, secret);
        }

        public static Credentials none() {
            return new Credentials(null, null, null, null);
        }

        @Override
        public String toString() {
            return username != null ? "login " + username : apiKey != null ? "API key " + apiKey : "none";
        }
    }

    /** A refusal or failure, with the message the endpoint gave; {@link #getMessage()} is ready to print. */
    public static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final Credentials credentials;
    private String authorization;

    public ManagementClient(URI base, Credentials credentials) {
        this.base = base;
        this.credentials = credentials;
        if (credentials.apiKey() != null) {
            authorization = "Basic " + Base64.getEncoder().encodeToString((credentials.apiKey() + ":"
                    + credentials.apiSecret()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The endpoint's URI for a bind address ({@code dashboard.listeners.http.bind}): a wildcard bind is reached on
     * loopback. */
    public static URI endpoint(String host, int port) {
        String h = switch (host) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "0:0:0:0:0:0:0:0" -> "[::1]";
            default -> host.contains(":") ? "[" + host + "]" : host;
        };
        return URI.create("http://" + h + ":" + port);
    }

    URI base() {
        return base;
    }

    public JsonNode get(String path) throws Failure {
        return send(request(path).GET());
    }

    public JsonNode post(String path) throws Failure {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** POSTs a JSON body. */
    public JsonNode post(String path, JsonNode body) throws Failure {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** PUTs a JSON body. */
    public JsonNode put(String path, JsonNode body) throws Failure {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    public JsonNode delete(String path) throws Failure {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) throws Failure {
        if (authorization == null && credentials.username() != null) {
            authorization = "Bearer " + login();
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    private String login() throws Failure {
        var body = JSON.createObjectNode().put("username", credentials.username())
                .put("password", credentials.password());
        JsonNode answer = send(HttpRequest.newBuilder(base.resolve("/api/v5/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        return answer.path("token").asText();
    }

    /** POSTs a body that already is JSON text, signed in like every other call. */
    JsonNode post(String path, String json) throws Failure {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A path segment or query value, percent-encoded (a topic's '/' becomes %2F). */
    static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(HttpRequest.Builder request) throws Failure {
        HttpResponse<String> res;
        try {
            res = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Failure("cannot reach the management endpoint at " + base + ": connection refused (is the "
                    + "broker running, and is dashboard.listeners.http.bind the same as in its config?)");
        } catch (IOException e) {
            throw new Failure("cannot reach the management endpoint at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
        JsonNode body;
        try {
            body = res.body().isEmpty() ? JSON.nullNode() : JSON.readTree(res.body());
        } catch (IOException e) {
            throw new Failure(base + " answered HTTP " + res.statusCode() + " with something that is not JSON: is "
                    + "it a Berth management endpoint?");
        }
        if (res.statusCode() == 401) {
            String why = body.path("code").asText("").equals("BAD_USERNAME_OR_PWD")
                    ? "login as " + credentials.username() + " refused: wrong username or password"
                    : credentials.username() == null && credentials.apiKey() == null
                    ? "the management endpoint needs credentials: pass --username and --password, or set "
                            + ManagementLogin.API_KEY_ENV + " and " + ManagementLogin.API_SECRET_ENV
                    : "credentials refused (" + credentials + "): " + body.path("message").asText("");
            throw new Failure(why + " (HTTP 401)");
        }
        if (res.statusCode() == 429) {
            throw new Failure("too many failed logins: " + body.path("message").asText("") + " (HTTP 429)");
        }
        if (res.statusCode() / 100 != 2) {
            String message = body.path("message").asText("HTTP " + res.statusCode());
            throw new Failure(message + " (HTTP " + res.statusCode() + " " + body.path("code").asText("") + ")");
        }
        return body;
    }
}
