package io.berth.server.auth;

import io.berth.core.auth.AuthResult;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP service's answers, reused for {@code cache_ttl}. Keyed by a SHA-256 of the request (URL and rendered
 * fields), so passwords are never kept in clear. Bounded: when full, expired answers are dropped, and if none has
 * expired the cache is emptied. Thread-safe.
 */
final class HttpAuthCache {

    static final int MAX_ENTRIES = 10_000;

    private final long ttlNanos;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(AuthResult result, long expiresNanos) {
    }

    HttpAuthCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    static String key(URI url, Map<String, String> fields) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(url.toString().getBytes(StandardCharsets.UTF_8));
            new TreeMap<>(fields).forEach((k, v) -> {
                sha.update((byte) 0);
                sha.update(k.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(v.getBytes(StandardCharsets.UTF_8));
            });
            return Base64.getEncoder().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    AuthResult get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (System.nanoTime() - e.expiresNanos() > 0) {
            entries.remove(key, e);
            return null;
        }
        return e.result();
    }

    void put(String key, AuthResult result) {
        long now = System.nanoTime();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> now - e.expiresNanos() > 0);
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key, new Entry(result, now + ttlNanos));
    }
}
