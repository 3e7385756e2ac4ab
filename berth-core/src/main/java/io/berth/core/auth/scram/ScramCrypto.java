package io.berth.core.auth.scram;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/** RFC 5802's functions: Hi (PBKDF2), HMAC and H, for one mechanism. */
final class ScramCrypto {

    private ScramCrypto() {
    }

    /** Hi(password, salt, i): PBKDF2 with the mechanism's HMAC. The password is UTF-8 (SASLprep of ASCII). */
    static byte[] hi(ScramMechanism m, byte[] password, byte[] salt, int iterations) {
        char[] chars = new String(password, StandardCharsets.UTF_8).toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, m.keyBytes * 8);
        try {
            return SecretKeyFactory.getInstance(m.pbkdf2).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(m.pbkdf2 + " unavailable", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    static byte[] hmac(ScramMechanism m, byte[] key, String text) {
        return hmac(m, key, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(ScramMechanism m, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(m.hmac);
            mac.init(new SecretKeySpec(key, m.hmac));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(m.hmac + " unavailable", e);
        }
    }

    static byte[] hash(ScramMechanism m, byte[] data) {
        try {
            return MessageDigest.getInstance(m.digest).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(m.digest + " unavailable", e);
        }
    }
}
