package io.berth.server.config;

import io.berth.core.auth.AnonymousAccess;
import io.berth.core.auth.PasswordHashes;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

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
 */
public record AuthenticationConfig(boolean builtInDatabase, PasswordHashes.Algorithm passwordHashAlgorithm,
                                   int pbkdf2Iterations, int bcryptRounds, int workers,
                                   Map<String, AnonymousAccess> anonymous) {

    /** The users file inside {@code node.data_dir}. */
    public static final String USERS_FILE = "users.passwd";

    public AuthenticationConfig {
        Objects.requireNonNull(passwordHashAlgorithm, "passwordHashAlgorithm");
        anonymous = Map.copyOf(anonymous);
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1");
        }
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
                workers, copy);
    }

    public AuthenticationConfig withBuiltInDatabase(boolean on) {
        return new AuthenticationConfig(on, passwordHashAlgorithm, pbkdf2Iterations, bcryptRounds, workers,
                anonymous);
    }

    public AuthenticationConfig withPasswordHash(PasswordHashes.Algorithm algorithm, int work) {
        boolean bcrypt = algorithm == PasswordHashes.Algorithm.BCRYPT;
        return new AuthenticationConfig(builtInDatabase, algorithm, bcrypt ? pbkdf2Iterations : work,
                bcrypt ? work : bcryptRounds, workers, anonymous);
    }
}
