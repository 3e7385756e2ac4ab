package io.berth.server.config;

import io.berth.core.auth.AnonymousAccess;
import io.berth.core.auth.PasswordHashes;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code authentication { ... }} block, and each listener's {@code allow_anonymous}.
 *
 * @param builtInDatabase       whether the built-in user store ({@code <node.data_dir>/users.passwd}) is in the chain
 * @param passwordHashAlgorithm the hash for users added or changed
 * @param pbkdf2Iterations      PBKDF2 iterations for new hashes
 * @param bcryptRounds          bcrypt cost for new hashes
 * @param workers               threads that run the chain (hashing is slow by design; never on an event loop)
 * @param anonymous             {@code allow_anonymous} per listener id ({@code "tcp:default"}); a listener not in
 *                              the map gets {@link AnonymousAccess#LOOPBACK}
 * @param chain                 the mechanisms in the order they are asked ({@code authentication.chain})
 * @param timeout               longest time the chain may take for one client
 * @param twoFactor             listener ids with {@code enable_two_factor = true}
 * @param jwt                   the JWT mechanism's settings, null when it is not in the chain
 * @param http                  the HTTP mechanism's settings, null when it is not in the chain
 * @param listenerChains        listener ids ("tcp:default") with a chain of their own
 *                              ({@code listeners.<type>.<name>.authentication}); others use {@code chain}
 * @param scramIterations       PBKDF2 iterations of SCRAM credentials written for new passwords
 *                              ({@code authentication.scram.iteration_count})
 */
public record AuthenticationConfig(boolean builtInDatabase, PasswordHashes.Algorithm passwordHashAlgorithm,
                                   int pbkdf2Iterations, int bcryptRounds, int workers,
                                   Map<String, AnonymousAccess> anonymous, List<String> chain, Duration timeout,
                                   Set<String> twoFactor, JwtAuthConfig jwt, HttpAuthConfig http,
                                   Map<String, List<String>> listenerChains, int scramIterations) {

    /** The users file inside {@code node.data_dir}. */
    public static final String USERS_FILE = "users.passwd";

    public AuthenticationConfig {
        Objects.requireNonNull(passwordHashAlgorithm, "passwordHashAlgorithm");
        anonymous = Map.copyOf(anonymous);
        chain = List.copyOf(chain);
        twoFactor = Set.copyOf(twoFactor);
        Objects.requireNonNull(timeout, "timeout");
        listenerChains = Map.copyOf(listenerChains);
        if (scramIterations < io.berth.core.auth.scram.ScramCredential.MIN_ITERATIONS) {
            throw new IllegalArgumentException("scramIterations must be >= 4096 (RFC 7677)");
        }
        if (uses(chain, listenerChains, "jwt") != (jwt != null)
                || uses(chain, listenerChains, "http") != (http != null)) {
            throw new IllegalArgumentException("jwt and http settings go with their place in a chain: " + chain
                    + " " + listenerChains);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1");
        }
    }

    /** Without listener chains of their own: every listener uses {@code chain}. */
    public AuthenticationConfig(boolean builtInDatabase, PasswordHashes.Algorithm passwordHashAlgorithm,
                                int pbkdf2Iterations, int bcryptRounds, int workers,
                                Map<String, AnonymousAccess> anonymous, List<String> chain, Duration timeout,
                                Set<String> twoFactor, JwtAuthConfig jwt, HttpAuthConfig http) {
        this(builtInDatabase, passwordHashAlgorithm, pbkdf2Iterations, bcryptRounds, workers, anonymous, chain,
                timeout, twoFactor, jwt, http, Map.of(),
                io.berth.core.auth.scram.ScramCredential.DEFAULT_ITERATIONS);
    }

    /** Whether a mechanism is in the global chain or in a listener's. */
    public static boolean uses(List<String> chain, Map<String, List<String>> listenerChains, String mechanism) {
        return chain.contains(mechanism) || listenerChains.values().stream().anyMatch(c -> c.contains(mechanism));
    }

    /** The mechanisms a listener ("tcp:default") asks, in order. */
    public List<String> chainOf(String listenerId) {
        return listenerChains.getOrDefault(listenerId, chain);
    }

    public AuthenticationConfig withScramIterations(int iterations) {
        return new AuthenticationConfig(builtInDatabase, passwordHashAlgorithm, pbkdf2Iterations, bcryptRounds,
                workers, anonymous, chain, timeout, twoFactor, jwt, http, listenerChains, iterations);
    }

    /** The listener uses {@code mechanisms} instead of {@code authentication.chain}. */
    public AuthenticationConfig withListenerChain(String listenerId, List<String> mechanisms) {
        Map<String, List<String>> copy = new HashMap<>(listenerChains);
        copy.put(listenerId, List.copyOf(mechanisms));
        return new AuthenticationConfig(builtInDatabase, passwordHashAlgorithm, pbkdf2Iterations, bcryptRounds,
                workers, anonymous, chain, timeout, twoFactor, jwt, http, copy, scramIterations);
    }

    /** The anonymous rule of a listener id ("tcp:default"). */
    public AnonymousAccess anonymousAccess(String listenerId) {
        return anonymous.getOrDefault(listenerId, AnonymousAccess.LOOPBACK);
    }

    /** The work factor for new hashes with the configured algorithm. */
    public int hashWork() {
        return passwordHashAlgorithm == PasswordHashes.Algorithm.BCRYPT ? bcryptRounds : pbkdf2Iterations;
    }

    public AuthenticationConfig withAnonymous(String listenerId, AnonymousAccess access) {
        Map<String, AnonymousAccess> copy = new HashMap<>(anonymous);
        copy.put(listenerId, access);
        return new AuthenticationConfig(builtInDatabase, passwordHashAlgorithm, pbkdf2Iterations, bcryptRounds,
                workers, copy, chain, timeout, twoFactor, jwt, http, listenerChains, scramIterations);
    }

    public AuthenticationConfig withBuiltInDatabase(boolean on) {
        return new AuthenticationConfig(on, passwordHashAlgorithm, pbkdf2Iterations, bcryptRounds, workers,
                anonymous, chain, timeout, twoFactor, jwt, http, listenerChains, scramIterations);
    }

    public AuthenticationConfig withPasswordHash(PasswordHashes.Algorithm algorithm, int work) {
        boolean bcrypt = algorithm == PasswordHashes.Algorithm.BCRYPT;
        return new AuthenticationConfig(builtInDatabase, algorithm, bcrypt ? pbkdf2Iterations : work,
                bcrypt ? work : bcryptRounds, workers, anonymous, chain, timeout, twoFactor, jwt, http,
                listenerChains, scramIterations);
    }

    /** Whether the built-in user store is in the chain. */
    public boolean builtInDatabaseInChain() {
        return builtInDatabase && uses(chain, listenerChains, "built_in_database");
    }

    /** The chain with {@code jwt} (or without it when null) appended after the mechanisms already there. */
    public AuthenticationConfig withJwt(JwtAuthConfig settings) {
        return new AuthenticationConfig(builtInDatabase, passwordHashAlgorithm, pbkdf2Iterations, bcryptRounds,
                workers, anonymous, placed("jwt", settings != null), timeout, twoFactor, settings, http,
                listenerChains, scramIterations);
    }

    /** The chain with {@code http} (or without it when null) appended after the mechanisms already there. */
    public AuthenticationConfig withHttp(HttpAuthConfig settings) {
        return new AuthenticationConfig(builtInDatabase, passwordHashAlgorithm, pbkdf2Iterations, bcryptRounds,
                workers, anonymous, placed("http", settings != null), timeout, twoFactor, jwt, settings,
                listenerChains, scramIterations);
    }

    /** The same mechanisms in a new order. */
    public AuthenticationConfig withChain(List<String> order) {
        return new AuthenticationConfig(builtInDatabase, passwordHashAlgorithm, pbkdf2Iterations, bcryptRounds,
                workers, anonymous, order, timeout, twoFactor, jwt, http, listenerChains, scramIterations);
    }

    public AuthenticationConfig withTimeout(Duration limit) {
        return new AuthenticationConfig(builtInDatabase, passwordHashAlgorithm, pbkdf2Iterations, bcryptRounds,
                workers, anonymous, chain, limit, twoFactor, jwt, http, listenerChains, scramIterations);
    }

    /** {@code enable_two_factor} on or off for a listener id ("ssl:default"). */
    public AuthenticationConfig withTwoFactor(String listenerId, boolean on) {
        Set<String> copy = new HashSet<>(twoFactor);
        if (on) {
            copy.add(listenerId);
        } else {
            copy.remove(listenerId);
        }
        return new AuthenticationConfig(builtInDatabase, passwordHashAlgorithm, pbkdf2Iterations, bcryptRounds,
                workers, anonymous, chain, timeout, copy, jwt, http, listenerChains, scramIterations);
    }

    private List<String> placed(String mechanism, boolean present) {
        List<String> out = new java.util.ArrayList<>(chain);
        out.remove(mechanism);
        if (present) {
            out.add(mechanism);
        }
        return out;
    }
}
