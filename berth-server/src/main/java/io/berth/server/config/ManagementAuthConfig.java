package io.berth.server.config;

import io.berth.core.auth.PasswordHashes;

import java.time.Duration;
import java.util.Objects;

/**
 * Who may use the management endpoint, from the {@code dashboard} block: the administrator created on first start,
 * how long a login token lasts, and when repeated failed logins are refused for a while. Names follow EMQX's.
 *
 * @param defaultUsername     {@code dashboard.default_username}: the administrator created when no account exists
 * @param defaultPassword     {@code dashboard.default_password}: that administrator's password; empty means a random
 *                            one, logged once and written to {@code <node.data_dir>/management/initial_password}
 * @param tokenTtl            {@code dashboard.token_expired_time}: how long a login token is valid
 * @param maxFailedLogins     {@code dashboard.unsuccessful_login_max_attempts}: failed logins of one username from
 *                            one address within {@code failedLoginInterval} before further attempts are refused
 * @param failedLoginInterval {@code dashboard.unsuccessful_login_interval}: the window failures are counted in
 *                            ({@code failedLoginInterval})
 * @param lockDuration        {@code dashboard.unsuccessful_login_lock_duration}: how long logins are then refused
 * @param hashIterations      PBKDF2 iterations for new password hashes: not a config key (always the core's
 *                            default from the file); embedded test brokers lower it so that logins are quick
 */
public record ManagementAuthConfig(String defaultUsername, String defaultPassword, Duration tokenTtl,
                                   int maxFailedLogins, Duration failedLoginInterval, Duration lockDuration,
                                   int hashIterations) {

    public ManagementAuthConfig {
        Objects.requireNonNull(defaultUsername, "defaultUsername");
        defaultPassword = defaultPassword == null ? "" : defaultPassword;
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        Objects.requireNonNull(failedLoginInterval, "failedLoginInterval");
        Objects.requireNonNull(lockDuration, "lockDuration");
        if (maxFailedLogins < 1) {
            throw new IllegalArgumentException("maxFailedLogins must be >= 1");
        }
        if (hashIterations < 1) {
            throw new IllegalArgumentException("hashIterations must be >= 1");
        }
    }

    /** With the core's PBKDF2 work factor. */
    public ManagementAuthConfig(String defaultUsername, String defaultPassword, Duration tokenTtl,
                                int maxFailedLogins, Duration failedLoginInterval, Duration lockDuration) {
        this(defaultUsername, defaultPassword, tokenTtl, maxFailedLogins, failedLoginInterval, lockDuration,
                PasswordHashes.DEFAULT_PBKDF2_ITERATIONS);
    }

    /** The defaults of reference.conf. */
    public static ManagementAuthConfig defaults() {
        return new ManagementAuthConfig("admin", "", Duration.ofMinutes(60), 5, Duration.ofMinutes(5),
                Duration.ofMinutes(10));
    }

    public ManagementAuthConfig withDefaultPassword(String password) {
        return new ManagementAuthConfig(defaultUsername, password, tokenTtl, maxFailedLogins, failedLoginInterval,
                lockDuration, hashIterations);
    }

    public ManagementAuthConfig withTokenTtl(Duration ttl) {
        return new ManagementAuthConfig(defaultUsername, defaultPassword, ttl, maxFailedLogins, failedLoginInterval,
                lockDuration, hashIterations);
    }

    public ManagementAuthConfig withLoginThrottle(int maxFailures, Duration interval, Duration lock) {
        return new ManagementAuthConfig(defaultUsername, defaultPassword, tokenTtl, maxFailures, interval, lock,
                hashIterations);
    }

    /** A copy with another PBKDF2 work factor (tests only: weaker than the default). */
    public ManagementAuthConfig withHashIterations(int iterations) {
        return new ManagementAuthConfig(defaultUsername, defaultPassword, tokenTtl, maxFailedLogins,
                failedLoginInterval, lockDuration, iterations);
    }

    /** Hides the password from logs and test reports. */
    @Override
    public String toString() {
        return "ManagementAuthConfig[defaultUsername=" + defaultUsername + ", defaultPassword="
                + (defaultPassword.isEmpty() ? "<random>" : "<set>") + ", tokenTtl=" + tokenTtl + ", maxFailedLogins="
                + maxFailedLogins + ", failedLoginInterval=" + failedLoginInterval + ", lockDuration=" + lockDuration
                + ", hashIterations=" + hashIterations + "]";
    }
}
