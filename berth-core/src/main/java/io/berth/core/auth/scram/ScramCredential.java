package io.berth.core.auth.scram;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * What the server keeps to verify a SCRAM client without knowing its password (RFC 5802 section 3): salt,
 * iteration count, StoredKey = H(ClientKey) and ServerKey. Derived once, when the password is set.
 */
public record ScramCredential(ScramMechanism mechanism, byte[] salt, int iterations, byte[] storedKey,
                              byte[] serverKey) {

    /** RFC 7677 section 4: at least 4096 iterations. */
    public static final int MIN_ITERATIONS = 4096;
    /** Iterations for credentials written by {@code berth users}: a client repeats them at every connection. */
    public static final int DEFAULT_ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    public ScramCredential {
        Objects.requireNonNull(mechanism, "mechanism");
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1");
        }
    }

    /** Derives the credential from a password with a new random salt. Slow by design: off the event loops. */
    public static ScramCredential derive(ScramMechanism mechanism, byte[] password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return derive(mechanism, password, salt, iterations);
    }

    /** Derives the credential from a password and salt. */
    public static ScramCredential derive(ScramMechanism mechanism, byte[] password, byte[] salt, int iterations) {
        byte[] salted = ScramCrypto.hi(mechanism, password, salt, iterations);
        byte[] clientKey = ScramCrypto.hmac(mechanism, salted, "Client Key");
        byte[] serverKey = ScramCrypto.hmac(mechanism, salted, "Server Key");
        return new ScramCredential(mechanism, salt, iterations, ScramCrypto.hash(mechanism, clientKey), serverKey);
    }

    /** {@code SCRAM-SHA-256$iterations$salt$storedKey$serverKey}, base64. */
    public String encode() {
        Base64.Encoder b = Base64.getEncoder();
        return mechanism.methodName() + "$" + iterations + "$" + b.encodeToString(salt) + "$"
                + b.encodeToString(storedKey) + "$" + b.encodeToString(serverKey);
    }

    /** The inverse of {@link #encode()}; IllegalArgumentException when malformed. */
    public static ScramCredential decode(String text) {
        String[] p = text.split("\\$", -1);
        ScramMechanism m = p.length == 5 ? ScramMechanism.of(p[0]) : null;
        if (m == null) {
            throw new IllegalArgumentException("not a SCRAM credential");
        }
        Base64.Decoder b = Base64.getDecoder();
        return new ScramCredential(m, b.decode(p[2]), Integer.parseInt(p[1]), b.decode(p[3]), b.decode(p[4]));
    }

    @Override
    public String toString() {
        return "ScramCredential[" + mechanism.methodName() + ", iterations=" + iterations + "]";
    }
}
