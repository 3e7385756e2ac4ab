package io.berth.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of the authentication chain's order and of its JWT and HTTP mechanisms. Part of {@link ConfigKeys#ALL};
 * kept apart so that each mechanism's keys read together.
 */
public final class AuthenticationKeys {

    /** The mechanisms {@code authentication.chain} may list. */
    public static final List<String> MECHANISMS = List.of("built_in_database", "jwt", "http");

    public static final ConfigKey<List<String>> CHAIN = new ConfigKey<>("authentication.chain",
            AuthValueTypes.mechanisms(MECHANISMS), "[\"built_in_database\"]", "[\"jwt\", \"built_in_database\"]",
            "The authentication mechanisms, asked in this order (EMQX's chain): `built_in_database`, `jwt`, `http`. "
                    + "The first that allows or denies decides; when all ignore a client, a client with a User Name "
                    + "is refused (0x86) and one without is judged by `allow_anonymous`. `[]`: `allow_anonymous` "
                    + "alone decides.");

    public static final ConfigKey<Duration> TIMEOUT = new ConfigKey<>("authentication.timeout",
            ValueTypes.duration(Duration.ofMillis(100), Duration.ofMinutes(5)), "\"10s\"", "\"3s\"",
            "Longest time the whole chain may take for one CONNECT; after it the client gets CONNACK 0x86 (MQTT "
                    + "3.x: return code 4) and the slow mechanism is logged.");

    public static final ConfigKey<Integer> SCRAM_ITERATION_COUNT = new ConfigKey<>(
            "authentication.scram.iteration_count", ValueTypes.integer(4096, 10_000_000), "4096", "16384",
            "PBKDF2 iterations of the SCRAM-SHA-256/512 credentials `berth users add` and `berth users passwd` write "
                    + "(EMQX's `iteration_count`; RFC 7677's minimum is 4096). Existing credentials keep theirs.");

    public static final ConfigKey<String> JWT_FROM = new ConfigKey<>("authentication.jwt.from",
            ValueTypes.oneOf(List.of("password", "username")), "\"password\"", "\"username\"",
            "Where the client puts its JSON Web Token.");

    public static final ConfigKey<String> JWT_ALGORITHM = new ConfigKey<>("authentication.jwt.algorithm",
            ValueTypes.oneOf(List.of("hmac-based", "public-key", "jwks")), "\"hmac-based\"", "\"public-key\"",
            "How signatures are checked: `hmac-based` (HS256/384/512 with `secret`), `public-key` (RS*, PS* or "
                    + "ES* with `public_key`), `jwks` (keys from `jwks_file`, chosen by `kid`).");

    public static final ConfigKey<String> JWT_SECRET = new ConfigKey<>("authentication.jwt.secret",
            ValueTypes.optionalText(), "\"\"", "\"a-secret-of-at-least-32-bytes-................\"",
            "The HMAC secret (`hmac-based`): at least 32 bytes for HS256, 48 for HS384, 64 for HS512.");

    public static final ConfigKey<Boolean> JWT_SECRET_BASE64 = new ConfigKey<>(
            "authentication.jwt.secret_base64_encoded", ValueTypes.bool(), "false", "true",
            "Whether `secret` is written in base64 (for binary secrets).");

    public static final ConfigKey<String> JWT_PUBLIC_KEY = new ConfigKey<>("authentication.jwt.public_key",
            ValueTypes.optionalText(), "\"\"",
            "\"\"\"-----BEGIN PUBLIC KEY-----\\nMIIBIjAN...\\n-----END PUBLIC KEY-----\"\"\"",
            "The RSA or EC public key (`public-key`), PEM text (`-----BEGIN PUBLIC KEY-----`).");

    public static final ConfigKey<Path> JWT_JWKS_FILE = new ConfigKey<>("authentication.jwt.jwks_file",
            ValueTypes.optionalPath(), "\"\"", "\"/etc/berth/jwks.json\"",
            "A JSON Web Key Set file (`jwks`); read again when it changes. Relative to the working directory.");

    public static final ConfigKey<Map<String, String>> JWT_VERIFY_CLAIMS = new ConfigKey<>(
            "authentication.jwt.verify_claims", AuthValueTypes.stringMap(), "{}", "{ sub = \"${username}\" }",
            "Claims the token must carry with exactly these values; `${username}` and `${clientid}` are replaced by "
                    + "the client's. `exp` is always required and checked, `nbf` when present.");

    public static final ConfigKey<Duration> JWT_LEEWAY = new ConfigKey<>("authentication.jwt.leeway",
            ValueTypes.duration(Duration.ZERO, Duration.ofMinutes(10)), "\"0s\"", "\"30s\"",
            "Clock skew tolerated when checking `exp` and `nbf`.");

    public static final ConfigKey<String> JWT_ACL_CLAIM_NAME = new ConfigKey<>("authentication.jwt.acl_claim_name",
            ValueTypes.optionalText(), "\"acl\"", "\"permissions\"",
            "The claim holding the client's own ACL rules (EMQX's `acl_claim_name`), checked before the ACL file: a "
                    + "list of `{permission, action, topic, qos, retain}` objects (no match: the ACL file decides) or "
                    + "`{pub, sub, all}` topic lists (anything else denied). Empty: claims carry no rules.");

    public static final ConfigKey<Boolean> JWT_DISCONNECT_AFTER_EXPIRE = new ConfigKey<>(
            "authentication.jwt.disconnect_after_expire", ValueTypes.bool(), "true", "false",
            "Whether a client is disconnected when its token's `exp` (plus `leeway`) passes: MQTT 5 DISCONNECT 0x87 "
                    + "(not authorized), MQTT 3.x the connection closes (EMQX's default).");

    public static final ConfigKey<URI> JWT_ENDPOINT = new ConfigKey<>("authentication.jwt.endpoint",
            AuthValueTypes.httpUrl(), "\"\"", "\"https://idp.example.com/.well-known/jwks.json\"",
            "The URL of a JSON Web Key Set (`algorithm = \"jwks\"`, instead of `jwks_file`): fetched at start and every "
                    + "`refresh_interval` off the network threads, and again (at most every 10 s) when a token names "
                    + "a `kid` it does not hold, so keys rotate without a restart. A failed fetch keeps the keys held.");

    public static final ConfigKey<Duration> JWT_REFRESH_INTERVAL = new ConfigKey<>(
            "authentication.jwt.refresh_interval", ValueTypes.duration(Duration.ofSeconds(1), Duration.ofDays(1)),
            "\"5m\"", "\"1m\"", "How often the JWK Set at `endpoint` is fetched again.");

    /** {@code enable}, {@code cacertfile}, {@code verify}, {@code server_name_indication} of an HTTPS client. */
    public record SslKeys(ConfigKey<Boolean> enable, ConfigKey<Path> cacertfile, ConfigKey<String> verify,
                          ConfigKey<String> serverName) {
    }

    private static SslKeys ssl(String prefix, String what) {
        return new SslKeys(new ConfigKey<>(prefix + ".ssl.enable", ValueTypes.bool(), "false", "true",
                "Whether the other `ssl` keys apply to " + what + " (the URL must be `https://`). Off: an `https://` "
                        + "URL is checked against the JDK's trust store and the URL's host."),
                new ConfigKey<>(prefix + ".ssl.cacertfile", ValueTypes.optionalPath(), "\"\"",
                        "\"/etc/berth/certs/auth-ca.pem\"",
                        "PEM file of the CAs " + what + "'s certificate must chain to (a private CA); empty: the "
                                + "JDK's trust store."),
                new ConfigKey<>(prefix + ".ssl.verify", ValueTypes.oneOf(List.of("verify_peer", "verify_none")),
                        "\"verify_peer\"", "\"verify_none\"",
                        "`verify_peer` checks " + what + "'s certificate and name; `verify_none` accepts any "
                                + "(logs a warning at start; a test bench only)."),
                new ConfigKey<>(prefix + ".ssl.server_name_indication", ValueTypes.optionalText(), "\"\"",
                        "\"auth.internal.example\"",
                        "The name sent as SNI and checked against the certificate when the URL names the service "
                                + "by IP address; empty: the URL's host."));
    }

    public static final SslKeys JWT_SSL = ssl("authentication.jwt", "the JWKS endpoint");
    public static final SslKeys HTTP_SSL = ssl("authentication.http", "the HTTP service");

    public static final ConfigKey<String> HTTP_METHOD = new ConfigKey<>("authentication.http.method",
            ValueTypes.oneOf(List.of("post", "get")), "\"post\"", "\"get\"",
            "`post` sends `body` as JSON; `get` sends it as query parameters.");

    public static final ConfigKey<URI> HTTP_URL = new ConfigKey<>("authentication.http.url",
            AuthValueTypes.httpUrl(), "\"\"", "\"http://127.0.0.1:8080/mqtt/auth\"",
            "The authentication service. Required when `http` is in `authentication.chain`.");

    public static final ConfigKey<Map<String, String>> HTTP_HEADERS = new ConfigKey<>("authentication.http.headers",
            AuthValueTypes.headers(), "{}", "{ \"X-Api-Key\" = \"s3cr3t\" }",
            "Extra request headers; values may hold the same placeholders as `body`.");

    public static final ConfigKey<Map<String, String>> HTTP_BODY = new ConfigKey<>("authentication.http.body",
            AuthValueTypes.stringMap(), "{}", "{ username = \"${username}\", password = \"${password}\", "
            + "clientid = \"${clientid}\" }",
            "The request fields with placeholders `${username}`, `${password}`, `${clientid}`, `${peerhost}`, "
                    + "`${cert_common_name}`. Empty: `{ username = \"${username}\", password = \"${password}\" }`.");

    public static final ConfigKey<Duration> HTTP_REQUEST_TIMEOUT = new ConfigKey<>(
            "authentication.http.request_timeout", ValueTypes.duration(Duration.ofMillis(10), Duration.ofMinutes(1)),
            "\"5s\"", "\"2s\"",
            "Longest wait for the service's answer (connection included); then `on_error` decides.");

    public static final ConfigKey<Integer> HTTP_POOL_SIZE = new ConfigKey<>("authentication.http.pool_size",
            ValueTypes.integer(1, 1024), "8", "32",
            "Most requests (and so connections) open to the service at once; more wait up to `request_timeout`.");

    public static final ConfigKey<Duration> HTTP_CACHE_TTL = new ConfigKey<>("authentication.http.cache_ttl",
            ValueTypes.durationOrDisabled(Duration.ofMillis(1), Duration.ofDays(1)), "\"disabled\"", "\"1m\"",
            "How long the service's allow/deny/ignore answer to the same request is reused; `\"disabled\"` asks "
                    + "every time. Errors are never cached.");

    public static final ConfigKey<String> HTTP_ON_ERROR = new ConfigKey<>("authentication.http.on_error",
            ValueTypes.oneOf(List.of("ignore", "deny")), "\"ignore\"", "\"deny\"",
            "What the mechanism answers when the service is down, slow, or answers with another status than 200 or "
                    + "204 or a body without a valid `result`: `ignore` (EMQX's behaviour: the next mechanism "
                    + "decides) or `deny` (CONNACK 0x86).");

    public static final ConfigKey<Optional<List<String>>> TCP_LISTENER_CHAIN = listenerChain("tcp");
    public static final ConfigKey<Optional<List<String>>> SSL_LISTENER_CHAIN = listenerChain("ssl");
    public static final ConfigKey<Optional<List<String>>> WS_LISTENER_CHAIN = listenerChain("ws");
    public static final ConfigKey<Optional<List<String>>> WSS_LISTENER_CHAIN = listenerChain("wss");
    public static final ConfigKey<Optional<List<String>>> QUIC_LISTENER_CHAIN = listenerChain("quic");

    /** The per-listener chain keys, by listener type ("tcp", "ssl", "ws", "wss", "quic"). */
    public static final Map<String, ConfigKey<Optional<List<String>>>> LISTENER_CHAINS = Map.of(
            "tcp", TCP_LISTENER_CHAIN, "ssl", SSL_LISTENER_CHAIN, "ws", WS_LISTENER_CHAIN,
            "wss", WSS_LISTENER_CHAIN, "quic", QUIC_LISTENER_CHAIN);

    private static ConfigKey<Optional<List<String>>> listenerChain(String type) {
        return new ConfigKey<>("listeners." + type + ".<name>.authentication", AuthValueTypes.listenerChain(MECHANISMS),
                "\"global\"", "[\"jwt\"]",
                "The authentication mechanisms of this listener, overriding `authentication.chain` (EMQX's listener "
                        + "`authentication`): `\"global\"` uses `authentication.chain`; a list names mechanisms of "
                        + "`built_in_database`, `jwt`, `http` in the order asked, configured in the `authentication` "
                        + "block; `[]` asks none, so `allow_anonymous` alone decides for every client.");
    }

    /** In documentation order. */
    public static final List<ConfigKey<?>> ALL = List.of(TCP_LISTENER_CHAIN, SSL_LISTENER_CHAIN, WS_LISTENER_CHAIN,
            WSS_LISTENER_CHAIN, QUIC_LISTENER_CHAIN, CHAIN, TIMEOUT, SCRAM_ITERATION_COUNT, JWT_FROM, JWT_ALGORITHM, JWT_SECRET,
            JWT_SECRET_BASE64, JWT_PUBLIC_KEY, JWT_JWKS_FILE, JWT_VERIFY_CLAIMS, JWT_LEEWAY, JWT_ACL_CLAIM_NAME,
            JWT_DISCONNECT_AFTER_EXPIRE, JWT_ENDPOINT, JWT_REFRESH_INTERVAL, JWT_SSL.enable, JWT_SSL.cacertfile, JWT_SSL.verify,
            JWT_SSL.serverName, HTTP_METHOD, HTTP_URL,
            HTTP_HEADERS, HTTP_BODY, HTTP_REQUEST_TIMEOUT, HTTP_POOL_SIZE, HTTP_CACHE_TTL, HTTP_ON_ERROR,
            HTTP_SSL.enable, HTTP_SSL.cacertfile, HTTP_SSL.verify, HTTP_SSL.serverName);

    private AuthenticationKeys() {
    }
}
