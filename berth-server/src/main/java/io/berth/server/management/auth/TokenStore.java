package io.berth.server.management.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login tokens: 256 random bits, kept in memory only (a restart ends every login), each valid for a fixed time
 * ({@code dashboard.token_expired_time}) from login. Thread-safe and non-blocking: lookups run on the event loops.
 */
public final class TokenStore {

    /** One login. */
    public record Login(String username, Role role, Instant expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Login> logins = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    public TokenStore(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    public Duration ttl() {
        return ttl;
    }

    /** A new token for {@code username}; forgets the expired ones on the way. */
    public String issue(String username, Role role) {
        Instant now = clock.instant();
        logins.values().removeIf(l -> !now.isBefore(l.expiresAt()));
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        logins.put(token, new Login(username, role, now.plus(ttl)));
        return token;
    }

    /** The login of {@code token}, or empty if it is unknown, ended or expired. */
    public Optional<Login> find(String token) {
        Login login = token == null ? null : logins.get(token);
        if (login == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(login.expiresAt())) {
            logins.remove(token, login);
            return Optional.empty();
        }
        return Optional.of(login);
    }

    /** Ends one login (logout). */
    public boolean revoke(String token) {
        return token != null && logins.remove(token) != null;
    }

    /** Ends every login of {@code username}: its password or role changed, or it was removed. */
    public void revokeUser(String username) {
        revokeUser(username, null);
    }

    /** Ends every login of {@code username} but {@code keep} (the login that changed its own password). */
    public void revokeUser(String username, String keep) {
        logins.entrySet().removeIf(e -> e.getValue().username().equals(username) && !e.getKey().equals(keep));
    }

    /** Logins not yet forgotten (expired ones may linger until the next login). */
    int size() {
        return logins.size();
    }
}
