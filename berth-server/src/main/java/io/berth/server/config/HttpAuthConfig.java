package io.berth.server.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code authentication.http { ... }} block.
 *
 * @param post           POST with a JSON body (else GET with query parameters)
 * @param url            the service
 * @param headers        extra request headers (placeholders allowed)
 * @param body           request fields with placeholders
 * @param requestTimeout longest wait for an answer
 * @param poolSize       most requests in flight at once
 * @param cacheTtl       how long an answer is reused, or null for no cache
 * @param denyOnError    whether an error denies the client (else the mechanism ignores it)
 * @param ssl            TLS settings for an {@code https://} service
 */
public record HttpAuthConfig(boolean post, URI url, Map<String, String> headers, Map<String, String> body,
                             Duration requestTimeout, int poolSize, Duration cacheTtl, boolean denyOnError,
                             ClientSslOptions ssl) {

    public HttpAuthConfig(boolean post, URI url, Map<String, String> headers, Map<String, String> body,
                          Duration requestTimeout, int poolSize, Duration cacheTtl, boolean denyOnError) {
        this(post, url, headers, body, requestTimeout, poolSize, cacheTtl, denyOnError, ClientSslOptions.DEFAULTS);
    }

    public HttpAuthConfig withSsl(ClientSslOptions options) {
        return new HttpAuthConfig(post, url, headers, body, requestTimeout, poolSize, cacheTtl, denyOnError, options);
    }

    /** The body sent when none is configured, as EMQX's. */
    public static final Map<String, String> DEFAULT_BODY = Map.of("username", "${username}",
            "password", "${password}");

    public HttpAuthConfig {
        Objects.requireNonNull(url, "url");
        ssl = ssl == null ? ClientSslOptions.DEFAULTS : ssl;
        headers = Map.copyOf(headers);
        body = body.isEmpty() ? DEFAULT_BODY : Map.copyOf(body);
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be >= 1");
        }
    }

    /** POST to {@code url} with the default body, 5 s timeout, 8 requests at once, no cache, errors ignored. */
    public static HttpAuthConfig post(URI url) {
        return new HttpAuthConfig(true, url, Map.of(), Map.of(), Duration.ofSeconds(5), 8, null, false);
    }

    public HttpAuthConfig withRequestTimeout(Duration timeout) {
        return new HttpAuthConfig(post, url, headers, body, timeout, poolSize, cacheTtl, denyOnError, ssl);
    }

    public HttpAuthConfig withCacheTtl(Duration ttl) {
        return new HttpAuthConfig(post, url, headers, body, requestTimeout, poolSize, ttl, denyOnError, ssl);
    }

    public HttpAuthConfig withDenyOnError(boolean deny) {
        return new HttpAuthConfig(post, url, headers, body, requestTimeout, poolSize, cacheTtl, deny, ssl);
    }

    public HttpAuthConfig withBody(Map<String, String> fields) {
        return new HttpAuthConfig(post, url, headers, fields, requestTimeout, poolSize, cacheTtl, denyOnError, ssl);
    }

    public HttpAuthConfig withGet() {
        return new HttpAuthConfig(false, url, headers, body, requestTimeout, poolSize, cacheTtl, denyOnError, ssl);
    }
}
