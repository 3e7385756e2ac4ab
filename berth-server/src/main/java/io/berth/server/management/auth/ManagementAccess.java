package io.berth.server.management.auth;

import io.berth.server.config.ManagementAuthConfig;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The management endpoint's security services, opened together at start: the accounts and API keys of
 * {@code <node.data_dir>/management/}, the first administrator, login tokens and the login throttle.
 *
 * @param accounts      administrator and viewer accounts
 * @param apiKeys       API keys for scripts
 * @param tokens        login tokens
 * @param throttle      failed-login throttle
 * @param authenticator tells who sent a request
 * @param directory     {@code <node.data_dir>/management}
 * @param audit         the audit log of changes
 */
public record ManagementAccess(AdminAccounts accounts, ApiKeys apiKeys, TokenStore tokens, LoginThrottle throttle,
                               RequestAuthenticator authenticator, Path directory, AuditTrail audit)
        implements AutoCloseable {

    /** Where a generated first administrator password is written (until that password is changed). */
    public Path initialPasswordFile() {
        return directory.resolve(InitialAdministrator.PASSWORD_FILE);
    }

    /**
     * Opens the stores under {@code managementDir}, creates the first administrator if there is none, and appends
     * the audit log in {@code logDir}. Blocking (disk, PBKDF2): call it from the start-up thread.
     *
     * @throws IllegalStateException naming the file if a store cannot be read
     */
    public static ManagementAccess open(ManagementAuthConfig config, Path managementDir, Path logDir, Clock clock) {
        AdminAccounts accounts = AdminAccounts.open(managementDir.resolve("users.json"),
                config.hashIterations());
        InitialAdministrator.ensure(accounts, config, managementDir);
        ApiKeys apiKeys = ApiKeys.open(managementDir.resolve("api_keys.json"), clock);
        TokenStore tokens = new TokenStore(config.tokenTtl(), clock);
        LoginThrottle throttle = new LoginThrottle(config.maxFailedLogins(), config.failedLoginInterval(),
                config.lockDuration(), clock);
        return new ManagementAccess(accounts, apiKeys, tokens, throttle, new RequestAuthenticator(tokens, apiKeys),
                managementDir, AuditTrail.open(logDir, clock));
    }

    /** Writes what the audit log has queued and stops its writer. */
    @Override
    public void close() {
        audit.close();
    }
}
