package io.berth.server.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.berth.core.auth.AuthResult;
import io.berth.core.auth.Authenticator;
import io.berth.core.auth.Credentials;
import io.berth.server.config.HttpAuthConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The {@code http} mechanism (EMQX's HTTP authenticator): asks an operator's service, by POST with a JSON body or
 * GET with query parameters, built from templates with placeholders. HTTP 204 allows; HTTP 200 with
 * {@code {"result": "allow" | "deny" | "ignore", "is_superuser": bool}} decides as it says. Anything else — another
 * status, a body without a valid result, no answer within {@code request_timeout}, a refused connection — is an
 * error, logged at WARN, and answered with {@code on_error} (ignore by default, as EMQX: the next mechanism
 * decides). At most {@code pool_size} requests are in flight; answers may be cached ({@link HttpAuthCache}).
 *
 * <p>Threading: blocking, on the authentication executor only.
 */
public final class HttpAuthenticator implements Authenticator {

    public static final String NAME = "http";
    private static final Logger LOG = LoggerFactory.getLogger(HttpAuthenticator.class);

    private final HttpAuthConfig config;
    private final HttpClient client;
    private final Semaphore pool;
    private final HttpAuthCache cache;

    public HttpAuthenticator(HttpAuthConfig config) {
        this.config = config;
        this.client = HttpsClients.create(config.url(), config.ssl(), config.requestTimeout());
        this.pool = new Semaphore(config.poolSize());
        this.cache = config.cacheTtl() == null ? null : new HttpAuthCache(config.cacheTtl());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AuthResult authenticate(Credentials credentials) {
        Map<String, String> fields = Placeholders.render(config.body(), credentials);
        HttpRequest request = request(fields, credentials);
        String cacheKey = cache == null ? null : HttpAuthCache.key(request.uri(), fields);
        if (cache != null) {
            AuthResult hit = cache.get(cacheKey);
            if (hit != null) {
                return hit;
            }
        }
        AuthResult result;
        try {
            result = ask(request, credentials);
        } catch (ServiceError e) {
            LOG.warn("authentication.http_error clientId={} listener={} url={} detail={} answer={}",
                    credentials.clientId(), credentials.listener(), config.url(), e.getMessage(),
                    config.denyOnError() ? "deny" : "ignore");
            return config.denyOnError() ? AuthResult.badCredentials("HTTP service: " + e.getMessage())
                    : AuthResult.IGNORE;
        }
        if (cache != null) {
            cache.put(cacheKey, result);
        }
        return result;
    }

    private HttpRequest request(Map<String, String> fields, Credentials credentials) {
        HttpRequest.Builder b;
        if (config.post()) {
            b = HttpRequest.newBuilder(config.url())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(
                            new java.util.LinkedHashMap<>(fields)), StandardCharsets.UTF_8));
        } else {
            String query = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&"));
            String base = config.url().toString();
            b = HttpRequest.newBuilder(URI.create(base + (base.contains("?") ? "&" : "?") + query)).GET();
        }
        b.timeout(config.requestTimeout()).header("Accept", "application/json");
        config.headers().forEach((k, v) -> b.header(k, Placeholders.render(v, credentials)));
        return b.build();
    }

    private AuthResult ask(HttpRequest request, Credentials credentials) throws ServiceError {
        boolean acquired;
        try {
            acquired = pool.tryAcquire(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceError("interrupted");
        }
        if (!acquired) {
            throw new ServiceError("all " + config.poolSize() + " connections busy for " + config.requestTimeout());
        }
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return answer(response.statusCode(), response.body());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new ServiceError("no answer within " + config.requestTimeout().toMillis() + " ms");
        } catch (IOException e) {
            throw new ServiceError("unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceError("interrupted");
        } finally {
            pool.release();
        }
    }

    /** The mechanism's answer for an HTTP status and body. */
    static AuthResult answer(int status, String body) throws ServiceError {
        if (status == 204) {
            return AuthResult.allow(false);
        }
        if (status != 200) {
            throw new ServiceError("HTTP status " + status);
        }
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(body == null ? "" : body);
        } catch (ParseException e) {
            throw new ServiceError("HTTP 200 with a body that is not a JSON object");
        }
        Object result = json.get("result");
        boolean superuser = Boolean.TRUE.equals(json.get("is_superuser"));
        if ("allow".equals(result)) {
            return AuthResult.allow(superuser);
        }
        if ("deny".equals(result)) {
            return AuthResult.notAuthorized("denied by the HTTP service");
        }
        if ("ignore".equals(result)) {
            return AuthResult.IGNORE;
        }
        throw new ServiceError("HTTP 200 without \"result\": \"allow\", \"deny\" or \"ignore\"");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The service could not give an answer. */
    static final class ServiceError extends Exception {
        ServiceError(String message) {
            super(message, null, false, false);
        }
    }
}
