package io.berth.core.auth;

import java.util.Objects;

/**
 * A user of the built-in store.
 *
 * @param username     the MQTT User Name; no ':' and no line breaks (the store's file format, as Mosquitto's)
 * @param passwordHash a salted slow hash in a {@link PasswordHashes} format, never a plain password
 * @param superuser    whether the user bypasses authorization
 */
public record UserRecord(String username, String passwordHash, boolean superuser) {

    public UserRecord {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        String bad = usernameProblem(username);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        String hashProblem = PasswordHashes.problem(passwordHash);
        if (hashProblem != null) {
            throw new IllegalArgumentException("user " + username + ": " + hashProblem);
        }
    }

    /** What is wrong with a user name for the store, or null. */
    public static String usernameProblem(String username) {
        if (username.isEmpty()) {
            return "empty user name";
        }
        if (username.length() > 65535) {
            return "user name longer than 65535 characters";
        }
        for (int i = 0; i < username.length(); i++) {
            char ch = username.charAt(i);
            if (ch == ':' || ch == '\n' || ch == '\r' || ch == '\0') {
                return "user name must not contain ':', a line break or NUL: " + username.replace("\n", "\\n");
            }
        }
        return null;
    }

    public UserRecord withPasswordHash(String hash) {
        return new UserRecord(username, hash, superuser);
    }

    public UserRecord withSuperuser(boolean on) {
        return new UserRecord(username, passwordHash, on);
    }

    @Override
    public String toString() {
        return "UserRecord[" + username + (superuser ? ", superuser" : "") + "]";
    }
}
