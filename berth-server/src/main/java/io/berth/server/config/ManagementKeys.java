package io.berth.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** The keys of the {@code dashboard} block: the management HTTP endpoint and who may use it. */
public final class ManagementKeys {

    public static final ConfigKey<Boolean> HTTP_ENABLED = new ConfigKey<>("dashboard.listeners.http.enabled",
            ValueTypes.bool(), "true", "false",
            "Whether the management HTTP endpoint runs (REST API under `/api/v5`, `/metrics`, `berth ctl`). "
                    + "Every `/api/v5` call but login needs a token or an API key; `/metrics` is open.");

    public static final ConfigKey<BindAddress> HTTP_BIND = new ConfigKey<>("dashboard.listeners.http.bind",
            ValueTypes.bind(), "\"127.0.0.1:18083\"", "\"127.0.0.1:18084\"",
            "Address and port of the management HTTP endpoint, which `berth ctl` also reads to find it. It speaks "
                    + "plain HTTP, so passwords and tokens cross the network in clear: keep it on loopback or "
                    + "behind a TLS proxy; a non-loopback address logs a warning at start.");

    public static final ConfigKey<String> DEFAULT_USERNAME = new ConfigKey<>("dashboard.default_username",
            ValueTypes.string(Pattern.compile("[A-Za-z0-9_.@-]{1,64}"),
                    "1 to 64 letters, digits or _ . @ -"), "\"admin\"", "\"ops\"",
            "The administrator account created on first start, when `<node.data_dir>/management/users.json` holds "
                    + "no account. Later changes go through `/api/v5/users`.");

    public static final ConfigKey<String> DEFAULT_PASSWORD = new ConfigKey<>("dashboard.default_password",
            ValueTypes.string(Pattern.compile("(?s)|.{8,}"), "empty or at least 8 characters"), "\"\"",
            "\"change-me-now\"",
            "Password of that first administrator. Empty: a random one is generated, logged once at WARN and "
                    + "written to `<node.data_dir>/management/initial_password` (mode 0600). Only read when the "
                    + "account is created; change it afterwards with `POST /api/v5/users/<name>/change_pwd`.");

    public static final ConfigKey<Duration> TOKEN_EXPIRED_TIME = new ConfigKey<>("dashboard.token_expired_time",
            ValueTypes.duration(Duration.ofSeconds(1), Duration.ofDays(30)), "\"60m\"", "\"8h\"",
            "How long a token from `POST /api/v5/login` is valid. Tokens live in memory: a restart ends them all.");

    public static final ConfigKey<Integer> LOGIN_MAX_ATTEMPTS = new ConfigKey<>(
            "dashboard.unsuccessful_login_max_attempts", ValueTypes.integer(1, 1000), "5", "10",
            "Failed logins of one username from one address, within `unsuccessful_login_interval`, after which "
                    + "logins of that username from that address get HTTP 429 for `unsuccessful_login_lock_duration`.");

    public static final ConfigKey<Duration> LOGIN_INTERVAL = new ConfigKey<>("dashboard.unsuccessful_login_interval",
            ValueTypes.duration(Duration.ofSeconds(1), Duration.ofDays(1)), "\"5m\"", "\"15m\"",
            "The window failed logins are counted in.");

    public static final ConfigKey<Duration> LOGIN_LOCK_DURATION = new ConfigKey<>(
            "dashboard.unsuccessful_login_lock_duration",
            ValueTypes.duration(Duration.ofSeconds(1), Duration.ofDays(1)), "\"10m\"", "\"1h\"",
            "How long logins stay refused (HTTP 429 with `Retry-After`) once the limit is reached.");

    public static final ConfigKey<Boolean> HTTPS_ENABLED = new ConfigKey<>("dashboard.listeners.https.enabled",
            ValueTypes.bool(), "false", "true",
            "Whether the management endpoint is also served over HTTPS (the same API, logins and tokens), with the "
                    + "broker's server TLS (TLS 1.3 and 1.2). Needs `ssl_options.certfile` and `keyfile`.");

    public static final ConfigKey<BindAddress> HTTPS_BIND = new ConfigKey<>("dashboard.listeners.https.bind",
            ValueTypes.bind(), "\"0.0.0.0:18084\"", "\"192.0.2.10:18084\"",
            "Address and port of the HTTPS management endpoint.");

    public static final ConfigKey<Path> HTTPS_CERTFILE = new ConfigKey<>(
            "dashboard.listeners.https.ssl_options.certfile", ValueTypes.optionalPath(), "\"\"",
            "\"etc/certs/dashboard.pem\"", "PEM certificate chain of the HTTPS management endpoint.");

    public static final ConfigKey<Path> HTTPS_KEYFILE = new ConfigKey<>(
            "dashboard.listeners.https.ssl_options.keyfile", ValueTypes.optionalPath(), "\"\"",
            "\"etc/certs/dashboard.key\"", "PEM private key of that certificate (unencrypted).");

    public static final List<ConfigKey<?>> ALL = List.of(HTTP_ENABLED, HTTP_BIND, DEFAULT_USERNAME, DEFAULT_PASSWORD,
            TOKEN_EXPIRED_TIME, LOGIN_MAX_ATTEMPTS, LOGIN_INTERVAL, LOGIN_LOCK_DURATION, HTTPS_ENABLED, HTTPS_BIND,
            HTTPS_CERTFILE, HTTPS_KEYFILE);

    private ManagementKeys() {
    }
}
