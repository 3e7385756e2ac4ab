package io.berth.server.management.auth;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One management account.
 *
 * @param username     1 to 64 letters, digits or {@code _ . @ -}
 * @param passwordHash a {@code $7$} PBKDF2 hash (see {@link io.berth.core.auth.PasswordHashes})
 * @param role         what the account may do
 * @param description  free text, may be empty
 */
public record AdminAccount(String username, String passwordHash, Role role, String description) {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    public AdminAccount {
        checkUsername(username);
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        description = description == null ? "" : description;
    }

    /** @throws IllegalArgumentException if {@code username} is not a valid account name */
    public static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username must be 1 to 64 letters, digits or _ . @ -, got \""
                    + username + "\"");
        }
    }

    AdminAccount withPasswordHash(String hash) {
        return new AdminAccount(username, hash, role, description);
    }

    AdminAccount with(Role newRole, String newDescription) {
        return new AdminAccount(username, passwordHash, newRole, newDescription);
    }
}
