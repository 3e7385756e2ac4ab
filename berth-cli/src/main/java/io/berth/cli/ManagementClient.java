package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls the management HTTP endpoint of a running broker and turns its answers into JSON or a readable error. */
public final class ManagementClient {

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

    public ManagementClient(URI base) {
        this.base = base;
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
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    JsonNode post(String path) throws Failure {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    JsonNode post(String path, JsonNode body) throws Failure {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    JsonNode delete(String path) throws Failure {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
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
        if (res.statusCode() / 100 != 2) {
            String message = body.path("message").asText("HTTP " + res.statusCode());
            throw new Failure(message + " (HTTP " + res.statusCode() + " " + body.path("code").asText("") + ")");
        }
        return body;
    }
}
