package io.berth.server.auth;

import io.berth.core.auth.UserRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The users file: one user per line, {@code username:hash} as Mosquitto's password file, with {@code :superuser}
 * appended for superusers. Blank lines and lines starting with {@code #} are ignored.
 */
final class UserFileFormat {

    static final String SUPERUSER = "superuser";

    private UserFileFormat() {
    }

    /**
     * @throws UserStoreException naming {@code source} and the line of the first bad entry
     */
    static List<UserRecord> parse(String text, String source) {
        List<UserRecord> users = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new UserStoreException(source + ":" + (i + 1) + ": expected username:hash");
            }
            String name = line.substring(0, colon);
            String rest = line.substring(colon + 1);
            boolean superuser = false;
            if (rest.endsWith(":" + SUPERUSER)) {
                superuser = true;
                rest = rest.substring(0, rest.length() - SUPERUSER.length() - 1);
            }
            try {
                users.add(new UserRecord(name, rest, superuser));
            } catch (IllegalArgumentException e) {
                throw new UserStoreException(source + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return users;
    }

    static String format(List<UserRecord> users) {
        StringBuilder sb = new StringBuilder("# Berth users: username:hash[:superuser]. Manage with `berth users`.\n");
        for (UserRecord u : users) {
            sb.append(u.username()).append(':').append(u.passwordHash());
            if (u.superuser()) {
                sb.append(':').append(SUPERUSER);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
