package io.berth.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code authentication.jwt { ... }} block.
 *
 * @param fromPassword  whether the token is in the Password (else in the User Name)
 * @param algorithm     {@code hmac-based}, {@code public-key} or {@code jwks}
 * @param secret        the HMAC secret bytes ({@code hmac-based}), else null
 * @param publicKeyPem  the PEM public key ({@code public-key}), else null
 * @param jwksFile      the JWK Set file ({@code jwks}), else null
 * @param verifyClaims  claims required with these values (placeholders allowed)
 * @param leeway        clock skew tolerated for {@code exp} and {@code nbf}
 */
public record JwtAuthConfig(boolean fromPassword, String algorithm, byte[] secret, String publicKeyPem,
                            Path jwksFile, Map<String, String> verifyClaims, Duration leeway) {

    public JwtAuthConfig {
        Objects.requireNonNull(algorithm, "algorithm");
        verifyClaims = Map.copyOf(verifyClaims);
        Objects.requireNonNull(leeway, "leeway");
    }

    /** HS256/384/512 with {@code secret}, the token in the Password. */
    public static JwtAuthConfig hmac(byte[] secret) {
        return new JwtAuthConfig(true, "hmac-based", secret, null, null, Map.of(), Duration.ZERO);
    }

    /** RS*, PS* or ES* with a PEM public key, the token in the Password. */
    public static JwtAuthConfig publicKey(String pem) {
        return new JwtAuthConfig(true, "public-key", null, pem, null, Map.of(), Duration.ZERO);
    }

    /** Keys from a JWK Set file, the token in the Password. */
    public static JwtAuthConfig jwks(Path file) {
        return new JwtAuthConfig(true, "jwks", null, null, file.toAbsolutePath().normalize(), Map.of(),
                Duration.ZERO);
    }

    public JwtAuthConfig withVerifyClaims(Map<String, String> claims) {
        return new JwtAuthConfig(fromPassword, algorithm, secret, publicKeyPem, jwksFile, claims, leeway);
    }

    public JwtAuthConfig withFromPassword(boolean password) {
        return new JwtAuthConfig(password, algorithm, secret, publicKeyPem, jwksFile, verifyClaims, leeway);
    }

    @Override
    public String toString() {
        return "JwtAuthConfig[from=" + (fromPassword ? "password" : "username") + ", algorithm=" + algorithm
                + ", jwksFile=" + jwksFile + ", verifyClaims=" + verifyClaims + ", leeway=" + leeway + "]";
    }
}
