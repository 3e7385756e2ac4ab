package io.berth.server.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.berth.server.config.JwtAuthConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A JWK Set served at a URL (EMQX's JWKS {@code endpoint}), fetched with the JDK HTTP client on a thread of its own
 * at start and every {@code refresh_interval}, and again when a token names a key id the set does not hold (at most
 * every {@link #MISS_REFETCH_MS} ms, on the authentication executor that asked), so keys rotate without a restart.
 * A failed fetch keeps the keys held and is logged; with none held, tokens are refused.
 */
final class JwksEndpoint implements JWKSource<SecurityContext>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JwksEndpoint.class);
    /** Shortest time between two fetches caused by unknown key ids: a flood of bad tokens is not a flood of GETs. */
    static final long MISS_REFETCH_MS = 10_000;

    private final JwtAuthConfig.JwksEndpoint config;
    private final HttpClient client;
    private final ScheduledExecutorService refresher;
    private volatile JWKSet keys;
    private volatile long lastFetchNanos;

    JwksEndpoint(JwtAuthConfig.JwksEndpoint config) {
        this.config = config;
        this.client = HttpsClients.create(config.url(), config.ssl(), config.requestTimeout());
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "berth-jwks-refresh");
            t.setDaemon(true);
            return t;
        });
        long every = config.refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::fetch, 0, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        JWKSet current = keys;
        if (current == null) {
            current = fetch();
        }
        List<JWK> found = current == null ? List.of() : selector.select(current);
        if (found.isEmpty() && System.nanoTime() - lastFetchNanos > TimeUnit.MILLISECONDS.toNanos(MISS_REFETCH_MS)) {
            JWKSet fresh = fetch(); // a key id we do not know: perhaps the keys rotated
            found = fresh == null ? List.of() : selector.select(fresh);
        }
        if (keys == null) {
            throw new KeySourceException("JWK Set at " + config.url() + " could not be fetched");
        }
        return found;
    }

    /** Fetches the set now; returns the keys held afterwards (the old ones when the fetch failed). */
    synchronized JWKSet fetch() {
        lastFetchNanos = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(config.url())
                    .timeout(config.requestTimeout()).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP status " + response.statusCode());
            }
            JWKSet fetched = JWKSet.parse(response.body());
            if (keys == null || !fetched.toString().equals(keys.toString())) {
                LOG.info("authentication.jwks_loaded url={} keys={}", config.url(), fetched.getKeys().size());
            }
            keys = fetched;
        } catch (IOException | ParseException e) {
            LOG.error("authentication.jwks_failed url={}: {}{}", config.url(), e.getMessage(),
                    keys == null ? "" : " (the previous keys stay in force)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return keys;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
