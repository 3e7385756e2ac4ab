package io.berth.core.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Salted, slow password hashes, stored as text in the formats other brokers use, so files can move between them:
 * <ul>
 *   <li>{@code $7$<iterations>$<salt>$<hash>}: PBKDF2-HMAC-SHA512, 64-byte key, base64 salt and key; the format
 *       Mosquitto's {@code mosquitto_passwd} writes (Berth's default);</li>
 *   <li>{@code $2a$}, {@code $2b$}, {@code $2y$}: bcrypt;</li>
 *   <li>{@code $6$<salt>$<hash>}: one round of salted SHA-512, written by {@code mosquitto_passwd -H sha512} (Mosquitto
 *       1.6 and earlier). Verified so that old files can be imported, never written: it is fast to brute-force.</li>
 * </ul>
 * Thread-safe. Every method is slow by design: call it off the event loops.
 */
public final class PasswordHashes {

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA512. */
    public static final int DEFAULT_PBKDF2_ITERATIONS = 210_000;
    public static final int DEFAULT_BCRYPT_COST = 10;
    /** bcrypt reads at most this many bytes of the password. */
    public static final int BCRYPT_MAX_PASSWORD = 72;

    private static final int SALT_BYTES = 16;
    private static final int PBKDF2_KEY_BITS = 512;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The algorithm new hashes are made with ({@code authentication.built_in_database.password_hash_algorithm}). */
    public enum Algorithm { PBKDF2, BCRYPT }

    private PasswordHashes() {
    }

    /** A new PBKDF2-HMAC-SHA512 hash with a random salt. */
    public static String pbkdf2(byte[] password, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] key = pbkdf2(password, salt, iterations);
        if (key == null) {
            throw new IllegalArgumentException("the password must be UTF-8 text for pbkdf2");
        }
        Base64.Encoder b64 = Base64.getEncoder();
        return "$7$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
    }

    /** A new bcrypt hash ({@code $2a$}) with a random salt. */
    public static String bcrypt(byte[] password, int cost) {
        if (password.length > BCRYPT_MAX_PASSWORD) {
            throw new IllegalArgumentException("bcrypt takes passwords of at most " + BCRYPT_MAX_PASSWORD
                    + " bytes; use pbkdf2 for longer ones");
        }
        return new String(BCrypt.withDefaults().hash(cost, password), StandardCharsets.US_ASCII);
    }

    /** A new hash with the given algorithm and work factor (iterations for PBKDF2, cost for bcrypt). */
    public static String hash(Algorithm algorithm, byte[] password, int work) {
        return algorithm == Algorithm.BCRYPT ? bcrypt(password, work) : pbkdf2(password, work);
    }

    /** Whether {@code stored} is in a format {@link #verify} understands; says what is wrong otherwise. */
    public static String problem(String stored) {
        if (stored.startsWith("$2a$") || stored.startsWith("$2b$") || stored.startsWith("$2y$")) {
            return stored.length() == 60 ? null : "bcrypt hash must be 60 characters";
        }
        String[] parts = stored.split("\\$", -1);
        try {
            if (stored.startsWith("$7$") && parts.length == 5) {
                if (Integer.parseInt(parts[2]) < 1) {
                    return "PBKDF2 iterations must be >= 1";
                }
                Base64.getDecoder().decode(parts[3]);
                return Base64.getDecoder().decode(parts[4]).length == 64 ? null : "PBKDF2 key must be 64 bytes";
            }
            if (stored.startsWith("$6$") && parts.length == 4) {
                Base64.getDecoder().decode(parts[2]);
                return Base64.getDecoder().decode(parts[3]).length == 64 ? null : "SHA-512 hash must be 64 bytes";
            }
        } catch (IllegalArgumentException e) {
            return "malformed number or base64";
        }
        return "unknown hash format (expected $7$, $6$ or $2a$/$2b$/$2y$); plain passwords are not accepted";
    }

    /** Whether {@code stored} is a weak format that should be replaced ({@code $6$}). */
    public static boolean isWeak(String stored) {
        return stored.startsWith("$6$");
    }

    /** Whether {@code password} matches {@code stored}; false for a malformed hash. Constant time in the key. */
    public static boolean verify(String stored, byte[] password) {
        if (stored == null || password == null || problem(stored) != null) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        String[] parts = stored.split("\\$", -1);
        if (stored.startsWith("$7$")) {
            byte[] actual = pbkdf2(password, b64.decode(parts[3]), Integer.parseInt(parts[2]));
            return actual != null && MessageDigest.isEqual(b64.decode(parts[4]), actual);
        }
        if (stored.startsWith("$6$")) {
            return MessageDigest.isEqual(b64.decode(parts[3]), sha512(password, b64.decode(parts[2])));
        }
        if (password.length > BCRYPT_MAX_PASSWORD) {
            return false;
        }
        try {
            return BCrypt.verifyer().verify(password, stored.getBytes(StandardCharsets.US_ASCII)).verified;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The key, or null for a password that is not UTF-8 (it cannot match: the JDK's PBKDF2 hashes chars). */
    private static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) {
        char[] chars = utf8Chars(password);
        if (chars == null) {
            return null;
        }
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, PBKDF2_KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 unavailable in this JDK", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * The JDK's PBKDF2 takes chars and encodes them as UTF-8 for HMAC, so valid UTF-8 round-trips to the same key
     * bytes as OpenSSL's (Mosquitto's). Bytes that are not UTF-8 cannot be represented: null.
     */
    private static char[] utf8Chars(byte[] password) {
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(password));
            char[] chars = new char[cb.remaining()];
            cb.get(chars);
            Arrays.fill(cb.array(), '\0');
            return chars;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static byte[] sha512(byte[] password, byte[] salt) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            md.update(password);
            md.update(salt);
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-512 unavailable", e);
        }
    }
}
