package io.berth.server.config;

import io.berth.core.acl.DenyAction;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code authorization { ... }} block.
 *
 * @param aclFile      the rules file, or null when authorization is disabled (every client may do anything)
 * @param noMatchAllow whether a request no rule matches is allowed ({@code no_match = allow})
 * @param denyAction   what a denied PUBLISH does
 * @param cacheMaxSize decisions cached per connection; 0 turns the cache off
 */
public record AuthorizationConfig(Path aclFile, boolean noMatchAllow, DenyAction denyAction, int cacheMaxSize) {

    public AuthorizationConfig {
        Objects.requireNonNull(denyAction, "denyAction");
        if (cacheMaxSize < 0) {
            throw new IllegalArgumentException("cacheMaxSize must be >= 0");
        }
    }

    /** Authorization off: what an embedded broker for tests uses unless a test sets rules. */
    public static AuthorizationConfig disabled() {
        return new AuthorizationConfig(null, false, DenyAction.IGNORE, 32);
    }

    public boolean enabled() {
        return aclFile != null;
    }

    public AuthorizationConfig withAclFile(Path file) {
        return new AuthorizationConfig(file == null ? null : file.toAbsolutePath().normalize(), noMatchAllow,
                denyAction, cacheMaxSize);
    }

    public AuthorizationConfig withNoMatchAllow(boolean allow) {
        return new AuthorizationConfig(aclFile, allow, denyAction, cacheMaxSize);
    }

    public AuthorizationConfig withDenyAction(DenyAction action) {
        return new AuthorizationConfig(aclFile, noMatchAllow, action, cacheMaxSize);
    }
}
