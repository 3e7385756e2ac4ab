package io.berth.core.auth.scram;

/** The SCRAM mechanisms of RFC 7677 (and RFC 5802's SHA-512 variant), as named in MQTT's Authentication Method. */
public enum ScramMechanism {
    SHA_256("SCRAM-SHA-256", "HmacSHA256", "SHA-256", "PBKDF2WithHmacSHA256", 32),
    SHA_512("SCRAM-SHA-512", "HmacSHA512", "SHA-512", "PBKDF2WithHmacSHA512", 64);

    private final String methodName;
    final String hmac;
    final String digest;
    final String pbkdf2;
    final int keyBytes;

    ScramMechanism(String methodName, String hmac, String digest, String pbkdf2, int keyBytes) {
        this.methodName = methodName;
        this.hmac = hmac;
        this.digest = digest;
        this.pbkdf2 = pbkdf2;
        this.keyBytes = keyBytes;
    }

    /** The MQTT Authentication Method, e.g. {@code SCRAM-SHA-256}. */
    public String methodName() {
        return methodName;
    }

    /** The mechanism for an Authentication Method, or null if it is not a SCRAM method Berth speaks. */
    public static ScramMechanism of(String method) {
        if (method == null) {
            return null;
        }
        for (ScramMechanism m : values()) {
            if (m.methodName.equals(method)) {
                return m;
            }
        }
        return null;
    }
}
