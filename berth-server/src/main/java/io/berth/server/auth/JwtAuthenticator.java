package io.berth.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.berth.core.acl.AclRules;
import io.berth.core.auth.AuthResult;
import io.berth.core.auth.Authenticator;
import io.berth.core.auth.Credentials;
import io.berth.server.config.JwtAuthConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code jwt} mechanism: a JSON Web Token in the Password (or User Name), signed with an HMAC secret, an RSA or
 * EC public key, or a key from a JWK Set file. A valid token allows the client; a token that is malformed, expired,
 * not yet valid, badly signed or missing a required claim is refused with 0x86. A value that does not look like a
 * JWT at all (no {@code eyJ} header, not three parts) is left to the next mechanism, so ordinary passwords still
 * reach the built-in store. Thread-safe; runs on the authentication executor.
 */
public final class JwtAuthenticator implements Authenticator, AutoCloseable {

    public static final String NAME = "jwt";
    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);

    private final JwtAuthConfig config;
    private final JWSKeySelector<SecurityContext> keys;
    private JwksEndpoint endpoint;

    public JwtAuthenticator(JwtAuthConfig config) {
        this.config = config;
        this.keys = switch (config.algorithm()) {
            case "hmac-based" -> single(JWSAlgorithm.Family.HMAC_SHA, new SecretKeySpec(config.secret(), "HmacSHA256"));
            case "public-key" -> {
                PublicKey key = PemPublicKeys.parse(config.publicKeyPem());
                yield single(key instanceof RSAPublicKey ? JWSAlgorithm.Family.RSA : JWSAlgorithm.Family.EC, key);
            }
            default -> {
                Set<JWSAlgorithm> all = new HashSet<>(JWSAlgorithm.Family.RSA);
                all.addAll(JWSAlgorithm.Family.EC);
                if (config.jwks() != null) {
                    endpoint = new JwksEndpoint(config.jwks());
                }
                yield new JWSVerificationKeySelector<>(Set.copyOf(all),
                        endpoint != null ? endpoint : new JwksFile(config.jwksFile()));
            }
        };
    }

    /** The one configured key, whatever {@code kid} the token names, for the algorithms of its family. */
    private static JWSKeySelector<SecurityContext> single(Set<JWSAlgorithm> family, Key key) {
        List<Key> one = List.of(key);
        return (header, context) -> family.contains(header.getAlgorithm()) ? one : List.of();
    }

    /** Stops fetching a JWKS endpoint. */
    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AuthResult authenticate(Credentials credentials) {
        String token = token(credentials);
        if (token == null || !token.startsWith("eyJ") || token.chars().filter(ch -> ch == '.').count() != 2) {
            return AuthResult.IGNORE;
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(keys);
        processor.setJWTClaimsSetVerifier(claimsVerifier(credentials));
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            return refused(credentials, "malformed JWT: " + e.getMessage(), e);
        } catch (BadJOSEException e) {
            return refused(credentials, "JWT rejected: " + e.getMessage(), e);
        } catch (JOSEException e) {
            return refused(credentials, "JWT not verifiable: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            return refused(credentials, "JWT rejected: " + e, e);
        }
        AclRules acl = null;
        Object aclClaim = config.aclClaimName().isEmpty() ? null : claims.getClaim(config.aclClaimName());
        if (aclClaim != null) {
            try {
                acl = JwtAclClaim.parse(config.aclClaimName(), aclClaim);
            } catch (IllegalArgumentException e) {
                return refused(credentials, "JWT rejected: bad ACL claim: " + e.getMessage(), e);
            }
        }
        Instant expires = config.disconnectAfterExpire() && claims.getExpirationTime() != null
                ? claims.getExpirationTime().toInstant().plus(config.leeway()) : null;
        return AuthResult.allow(false, acl, expires);
    }

    private String token(Credentials credentials) {
        if (config.fromPassword()) {
            return credentials.password() == null ? null : new String(credentials.password(), StandardCharsets.UTF_8);
        }
        return credentials.username();
    }

    /** {@code exp} required and checked, {@code nbf} checked when present, {@code verify_claims} matched exactly. */
    private DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(Credentials credentials) {
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        for (Map.Entry<String, String> e : config.verifyClaims().entrySet()) {
            exact.claim(e.getKey(), Placeholders.render(e.getValue().replace("${password}", ""), credentials));
        }
        DefaultJWTClaimsVerifier<SecurityContext> v = new DefaultJWTClaimsVerifier<>(null, exact.build(),
                Set.of("exp"));
        v.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, config.leeway().toSeconds()));
        return v;
    }

    private static AuthResult refused(Credentials c, String why, Exception e) {
        LOG.debug("jwt.rejected clientId={} listener={}", c.clientId(), c.listener(), e);
        return AuthResult.badCredentials(why);
    }

    /** Public keys in PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo), RSA or EC. */
    static final class PemPublicKeys {

        private PemPublicKeys() {
        }

        static PublicKey parse(String pem) {
            String b64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                    .replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(b64);
            for (String type : new String[] {"RSA", "EC"}) {
                try {
                    return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
                } catch (java.security.GeneralSecurityException ignored) {
                    // try the next type
                }
            }
            throw new IllegalArgumentException("not an RSA or EC public key in PEM (-----BEGIN PUBLIC KEY-----)");
        }
    }
}
