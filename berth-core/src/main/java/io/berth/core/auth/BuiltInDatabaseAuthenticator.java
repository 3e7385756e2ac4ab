package io.berth.core.auth;

import java.util.Optional;

/**
 * Checks User Name and Password against the built-in {@link UserStore}: a known user with the right password is
 * allowed, a known user with a wrong or missing password is refused (0x86), an unknown or anonymous client is
 * left to the rest of the chain.
 */
public final class BuiltInDatabaseAuthenticator implements Authenticator {

    public static final String NAME = "built_in_database";

    private final UserStore store;

    public BuiltInDatabaseAuthenticator(UserStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AuthResult authenticate(Credentials credentials) {
        if (credentials.anonymous()) {
            return AuthResult.IGNORE;
        }
        Optional<UserRecord> user = store.find(credentials.username());
        if (user.isEmpty()) {
            return AuthResult.IGNORE;
        }
        if (credentials.password() == null) {
            return AuthResult.badCredentials("no password");
        }
        if (!PasswordHashes.verify(user.get().passwordHash(), credentials.password())) {
            return AuthResult.badCredentials("wrong password");
        }
        return AuthResult.allow(user.get().superuser());
    }
}
