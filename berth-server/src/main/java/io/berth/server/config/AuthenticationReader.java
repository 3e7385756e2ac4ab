package io.berth.server.config;

import io.berth.core.auth.AnonymousAccess;
import io.berth.core.auth.PasswordHashes;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.berth.server.config.AuthenticationKeys.*;
import static io.berth.server.config.ConfigKeys.*;

/** Reads the {@code authentication} block and each listener's authentication keys for {@link BrokerConfigReader}. */
final class AuthenticationReader {

    /** Shortest HMAC secret: HS256 needs 256 bits (RFC 7518 3.2). */
    static final int MIN_SECRET_BYTES = 32;

    private final BrokerConfigReader reader;
    private final ConfigProblems problems;

    AuthenticationReader(BrokerConfigReader reader, ConfigProblems problems) {
        this.reader = reader;
        this.problems = problems;
    }

    AuthenticationConfig read(List<TcpListenerConfig> tcp, List<ListenerConfig> others,
                              List<QuicListenerConfig> quic) {
        Boolean builtIn = get(AUTHN_BUILT_IN);
        String algorithm = get(AUTHN_HASH_ALGORITHM);
        Integer iterations = get(AUTHN_PBKDF2_ITERATIONS);
        Integer rounds = get(AUTHN_BCRYPT_ROUNDS);
        Integer workers = get(AUTHN_WORKERS);
        List<String> chain = get(CHAIN);
        Duration timeout = get(TIMEOUT);
        Integer scramIterations = get(SCRAM_ITERATION_COUNT);
        Map<String, AnonymousAccess> anonymous = new HashMap<>();
        Set<String> twoFactor = new HashSet<>();
        Map<String, List<String>> listenerChains = new HashMap<>();
        for (TcpListenerConfig l : tcp) {
            put(anonymous, "tcp:" + l.name(), reader.get(TCP_ALLOW_ANONYMOUS, l.name()));
            listenerChain(listenerChains, "tcp", l.name());
        }
        for (ListenerConfig l : others) {
            listenerChain(listenerChains, l.id().substring(0, l.id().indexOf(':')), l.name());
            ListenerKeys keys = ListenerKeys.types().stream().filter(k -> k.type == l.type()).findFirst().orElseThrow();
            put(anonymous, l.id(), reader.get(keys.allowAnonymous, l.name()));
            if (keys.enableTwoFactor != null && Boolean.TRUE.equals(reader.get(keys.enableTwoFactor, l.name()))) {
                if (!l.ssl().verifyPeer()) {
                    problems.add(keys.enableTwoFactor.path(l.name()), "needs client certificates: set "
                            + keys.verify.path(l.name()) + " = verify_peer");
                }
                twoFactor.add(l.id());
            }
        }
        for (QuicListenerConfig l : quic) {
            put(anonymous, "quic:" + l.name(), reader.get(QuicListenerKeys.ALLOW_ANONYMOUS, l.name()));
            listenerChain(listenerChains, "quic", l.name());
        }
        boolean jwtUsed = chain != null && AuthenticationConfig.uses(chain, listenerChains, "jwt");
        boolean httpUsed = chain != null && AuthenticationConfig.uses(chain, listenerChains, "http");
        JwtAuthConfig jwt = jwtUsed ? jwt() : null;
        HttpAuthConfig http = httpUsed ? http() : null;
        if (builtIn == null || algorithm == null || iterations == null || rounds == null || workers == null
                || chain == null || timeout == null || scramIterations == null || (jwtUsed && jwt == null) || (httpUsed && http == null)) {
            return null;
        }
        return new AuthenticationConfig(builtIn, PasswordHashes.Algorithm.valueOf(algorithm.toUpperCase(Locale.ROOT)),
                iterations, rounds, workers, anonymous, chain, timeout, twoFactor, jwt, http, listenerChains,
                scramIterations);
    }

    /** {@code listeners.<type>.<name>.authentication}: a list is the listener's own chain; "global" adds nothing. */
    private void listenerChain(Map<String, List<String>> chains, String type, String name) {
        ConfigKey<java.util.Optional<List<String>>> key = LISTENER_CHAINS.get(type);
        java.util.Optional<List<String>> own = key == null ? null : reader.get(key, name);
        if (own != null && own.isPresent()) {
            chains.put(type + ":" + name, own.get());
        }
    }

    private JwtAuthConfig jwt() {
        String from = get(JWT_FROM);
        String algorithm = get(JWT_ALGORITHM);
        String secret = get(JWT_SECRET);
        Boolean base64 = get(JWT_SECRET_BASE64);
        String publicKey = get(JWT_PUBLIC_KEY);
        Path jwks = get(JWT_JWKS_FILE);
        Map<String, String> claims = get(JWT_VERIFY_CLAIMS);
        Duration leeway = get(JWT_LEEWAY);
        String aclClaim = get(JWT_ACL_CLAIM_NAME);
        URI endpoint = get(JWT_ENDPOINT);
        Duration refresh = get(JWT_REFRESH_INTERVAL);
        ClientSslOptions ssl = ssl(JWT_SSL, endpoint);
        Boolean disconnect = get(JWT_DISCONNECT_AFTER_EXPIRE);
        if (from == null || algorithm == null || base64 == null || claims == null || leeway == null
                || disconnect == null || refresh == null || ssl == null) {
            return null;
        }
        byte[] secretBytes = null;
        switch (algorithm) {
            case "hmac-based" -> {
                secretBytes = secret(secret, base64);
                if (secretBytes == null) {
                    return null;
                }
            }
            case "public-key" -> {
                if (publicKey == null || !publicKey.contains("-----BEGIN PUBLIC KEY-----")) {
                    problems.add(JWT_PUBLIC_KEY.path(), "algorithm = \"public-key\" needs the PEM public key "
                            + "(-----BEGIN PUBLIC KEY-----...)");
                    return null;
                }
            }
            default -> {
                if ((jwks == null) == (endpoint == null)) {
                    problems.add(JWT_JWKS_FILE.path(), "algorithm = \"jwks\" needs a JWK Set file or an endpoint "
                            + "(authentication.jwt.endpoint), not both");
                    return null;
                }
                if (jwks != null && !Files.isReadable(jwks)) {
                    problems.add(JWT_JWKS_FILE.path(), "no such file or not readable: " + jwks);
                    return null;
                }
            }
        }
        return new JwtAuthConfig(from.equals("password"), algorithm, secretBytes, publicKey, jwks, claims, leeway,
                aclClaim == null ? "" : aclClaim.trim(), disconnect, endpoint == null ? null
                : new JwtAuthConfig.JwksEndpoint(endpoint, refresh, Duration.ofSeconds(5), ssl));
    }

    private byte[] secret(String secret, boolean base64) {
        if (secret == null) {
            problems.add(JWT_SECRET.path(), "algorithm = \"hmac-based\" needs a secret of at least "
                    + MIN_SECRET_BYTES + " bytes");
            return null;
        }
        byte[] bytes;
        try {
            bytes = base64 ? Base64.getDecoder().decode(secret.trim()) : secret.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            problems.add(JWT_SECRET.path(), "is not valid base64 (secret_base64_encoded = true)");
            return null;
        }
        if (bytes.length < MIN_SECRET_BYTES) {
            problems.add(JWT_SECRET.path(), "is " + bytes.length + " bytes; HMAC secrets need at least "
                    + MIN_SECRET_BYTES + " (HS256), 48 for HS384, 64 for HS512");
            return null;
        }
        return bytes;
    }

    private HttpAuthConfig http() {
        String method = get(HTTP_METHOD);
        URI url = get(HTTP_URL);
        Map<String, String> headers = get(HTTP_HEADERS);
        Map<String, String> body = get(HTTP_BODY);
        Duration timeout = get(HTTP_REQUEST_TIMEOUT);
        Integer pool = get(HTTP_POOL_SIZE);
        Duration ttl = get(HTTP_CACHE_TTL);
        String onError = get(HTTP_ON_ERROR);
        ClientSslOptions ssl = ssl(HTTP_SSL, url);
        if (method == null || headers == null || body == null || timeout == null || pool == null
                || onError == null || ssl == null) {
            return null;
        }
        if (url == null) {
            problems.add(HTTP_URL.path(), "\"http\" is in authentication.chain: set the service's URL, e.g. "
                    + "url = " + HTTP_URL.example());
            return null;
        }
        return new HttpAuthConfig(method.equals("post"), url, headers, body, timeout, pool, ttl,
                onError.equals("deny"), ssl);
    }

    /** An HTTPS client's {@code ssl} block, checked against the URL it serves; null after adding a problem. */
    private ClientSslOptions ssl(SslKeys keys, URI url) {
        Boolean enable = get(keys.enable());
        Path ca = get(keys.cacertfile());
        String verify = get(keys.verify());
        String sni = get(keys.serverName());
        if (enable == null || verify == null) {
            return null;
        }
        if (!enable) {
            return ClientSslOptions.DEFAULTS;
        }
        if (url != null && !"https".equalsIgnoreCase(url.getScheme())) {
            problems.add(keys.enable().path(), "is true but the URL is not https://: " + url);
            return null;
        }
        if (ca != null && !Files.isReadable(ca)) {
            problems.add(keys.cacertfile().path(), "no such file or not readable: " + ca);
            return null;
        }
        return new ClientSslOptions(true, ca, verify.equals("verify_peer"), sni == null ? null : sni.trim());
    }

    private static void put(Map<String, AnonymousAccess> map, String id, AnonymousAccess access) {
        if (access != null) {
            map.put(id, access);
        }
    }

    private <T> T get(ConfigKey<T> key) {
        return reader.get(key, null);
    }
}
