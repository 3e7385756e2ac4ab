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
 */
public record ManagementAccess(AdminAccounts accounts, ApiKeys apiKeys, TokenStore tokens, LoginThrottle throttle,
                               RequestAuthenticator authenticator) {

    /**
     * Opens the stores under {@code managementDir} and creates the first administrator if there is none. Blocking
     * (disk, PBKDF2): call it from the start-up thread.
     *
     * @throws IllegalStateException naming the file if a store cannot be read
     */
    public static ManagementAccess open(ManagementAuthConfig config, Path managementDir, Clock clock) {
        AdminAccounts accounts = AdminAccounts.open(managementDir.resolve("users.json"));
        InitialAdministrator.ensure(accounts, config, managementDir);
        ApiKeys apiKeys = ApiKeys.open(managementDir.resolve("api_keys.json"), clock);
        TokenStore tokens = new TokenStore(config.tokenTtl(), clock);
        LoginThrottle throttle = new LoginThrottle(config.maxFailedLogins(), config.failedLoginInterval(),
                config.lockDuration(), clock);
        return new ManagementAccess(accounts, apiKeys, tokens, throttle, new RequestAuthenticator(tokens, apiKeys));
    }
}
