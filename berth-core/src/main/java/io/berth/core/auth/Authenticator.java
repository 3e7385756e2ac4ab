package io.berth.core.auth;

/**
 * One link of the authentication chain. It answers {@link AuthResult.Allow allow}, {@link AuthResult.Deny deny}
 * with a reason, or {@link AuthResult#IGNORE ignore} to let the next link decide.
 *
 * <p>Threading: called on the broker's authentication executor, never on an event loop; it may block (slow
 * password hashes, files, network) and must be thread-safe.
 */
public interface Authenticator {

    /** A short name for logs ("built_in_database"). */
    String name();

    AuthResult authenticate(Credentials credentials);
}
