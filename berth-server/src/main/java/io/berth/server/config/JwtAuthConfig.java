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
 * @param aclClaimName  the claim holding the client's own ACL rules, or empty for none
 * @param disconnectAfterExpire whether a client is disconnected (0x87) when its token's {@code exp} passes
 * @param jwks          where JWK Sets come from a URL ({@code jwks} with {@code endpoint}), else null
 */
public record JwtAuthConfig(boolean fromPassword, String algorithm, byte[] secret, String publicKeyPem,
                            Path jwksFile, Map<String, String> verifyClaims, Duration leeway, String aclClaimName,
                            boolean disconnectAfterExpire, JwksEndpoint jwks) {

    /**
     * A JWK Set fetched over HTTP(S).
     *
     * @param url             the {@code endpoint}
     * @param refreshInterval how often it is fetched again
     * @param requestTimeout  longest wait for one fetch
     * @param ssl             TLS settings for an {@code https://} endpoint
     */
    public record JwksEndpoint(java.net.URI url, Duration refreshInterval, Duration requestTimeout,
                               ClientSslOptions ssl) {
    }

    public JwtAuthConfig {
        Objects.requireNonNull(algorithm, "algorithm");
        verifyClaims = Map.copyOf(verifyClaims);
        Objects.requireNonNull(leeway, "leeway");
        aclClaimName = aclClaimName == null ? "" : aclClaimName;
    }

    public JwtAuthConfig(boolean fromPassword, String algorithm, byte[] secret, String publicKeyPem,
                         Path jwksFile, Map<String, String> verifyClaims, Duration leeway) {
        this(fromPassword, algorithm, secret, publicKeyPem, jwksFile, verifyClaims, leeway, "acl", true, null);
    }

    /** Keys from a JWK Set served at a URL, the token in the Password. */
    public static JwtAuthConfig jwksEndpoint(java.net.URI url, Duration refreshInterval, ClientSslOptions ssl) {
        return new JwtAuthConfig(true, "jwks", null, null, null, Map.of(), Duration.ZERO, "acl", true,
                new JwksEndpoint(url, refreshInterval, Duration.ofSeconds(5), ssl));
    }

    public JwtAuthConfig withAclClaimName(String name) {
        return new JwtAuthConfig(fromPassword, algorithm, secret, publicKeyPem, jwksFile, verifyClaims, leeway, name,
                disconnectAfterExpire, jwks);
    }

    public JwtAuthConfig withDisconnectAfterExpire(boolean on) {
        return new JwtAuthConfig(fromPassword, algorithm, secret, publicKeyPem, jwksFile, verifyClaims, leeway,
                aclClaimName, on, jwks);
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
        return new JwtAuthConfig(fromPassword, algorithm, secret, publicKeyPem, jwksFile, claims, leeway,
                aclClaimName, disconnectAfterExpire, jwks);
    }

    public JwtAuthConfig withFromPassword(boolean password) {
        return new JwtAuthConfig(password, algorithm, secret, publicKeyPem, jwksFile, verifyClaims, leeway,
                aclClaimName, disconnectAfterExpire, jwks);
    }

    @Override
    public String toString() {
        return "JwtAuthConfig[from=" + (fromPassword ? "password" : "username") + ", algorithm=" + algorithm
                + ", jwksFile=" + jwksFile + ", jwks=" + jwks + ", verifyClaims=" + verifyClaims + ", leeway="
                + leeway + ", aclClaimName=" + aclClaimName + ", disconnectAfterExpire=" + disconnectAfterExpire
                + "]";
    }
}
