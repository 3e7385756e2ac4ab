package io.berth.server.auth;

import io.berth.core.auth.PasswordHashes;
import io.berth.core.auth.UserRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Mosquitto password file ({@code mosquitto_passwd}): {@code username:$7$...} (PBKDF2-SHA512, the
 * default since Mosquitto 2.0) or {@code username:$6$...} (salted SHA-512, older files). Plain-text passwords are
 * refused: hash them first with {@code mosquitto_passwd -U}.
 */
public final class MosquittoPasswordFile {

    /** The users read, and how many have the weak {@code $6$} hash. */
    public record Contents(List<UserRecord> users, int weak) {
    }

    private MosquittoPasswordFile() {
    }

    /**
     * @throws UserStoreException naming the file and line of the first bad entry; nothing is imported then
     */
    public static Contents read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserStoreException(file + ": cannot read: " + e.getMessage(), e);
        }
        List<UserRecord> users = new ArrayList<>();
        int weak = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new UserStoreException(where + "expected username:hash");
            }
            String name = line.substring(0, colon);
            String hash = line.substring(colon + 1);
            if (!hash.startsWith("$7$") && !hash.startsWith("$6$")) {
                throw new UserStoreException(where + "user " + name + " has no $7$ or $6$ hash (a plain password?); "
                        + "hash the file first with mosquitto_passwd -U");
            }
            String problem = PasswordHashes.problem(hash);
            if (problem != null) {
                throw new UserStoreException(where + "user " + name + ": " + problem);
            }
            try {
                users.add(new UserRecord(name, hash, false));
            } catch (IllegalArgumentException e) {
                throw new UserStoreException(where + e.getMessage());
            }
            if (PasswordHashes.isWeak(hash)) {
                weak++;
            }
        }
        return new Contents(users, weak);
    }
}
