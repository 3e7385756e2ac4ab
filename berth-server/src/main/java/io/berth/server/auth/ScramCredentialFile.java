package io.berth.server.auth;

import io.berth.core.auth.scram.ScramCredential;
import io.berth.core.auth.scram.ScramCredentialStore;
import io.berth.core.auth.scram.ScramMechanism;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * SCRAM credentials of the built-in users, in {@code <node.data_dir>/users.scram} (owner-only), one line per user
 * and mechanism: {@code user:SCRAM-SHA-256$iterations$salt$StoredKey$ServerKey}. Written by {@code berth users
 * add/passwd} when the password is set (the slow PBKDF2 happens then, never at CONNECT); read again when the file
 * changes. Holds no password and no hash that logs in with the password field. Thread-safe; blocking.
 */
public final class ScramCredentialFile implements ScramCredentialStore {

    public static final String FILE = "users.scram";
    private static final Logger LOG = LoggerFactory.getLogger(ScramCredentialFile.class);

    private final Path file;
    private Map<String, ScramCredential> entries = Map.of();
    private FileTime loadedTime;
    private long loadedSize = -1;

    private final int iterationCount;

    public ScramCredentialFile(Path file) {
        this(file, ScramCredential.DEFAULT_ITERATIONS);
    }

    /** @param iterationCount {@code authentication.scram.iteration_count} */
    public ScramCredentialFile(Path file, int iterationCount) {
        this.file = file;
        this.iterationCount = iterationCount;
    }

    @Override
    public int iterationCount() {
        return iterationCount;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<ScramCredential> find(String username, ScramMechanism mechanism) {
        refresh();
        return Optional.ofNullable(entries.get(key(username, mechanism)));
    }

    /** Sets the user's credentials (one per mechanism), replacing the old ones. */
    public synchronized void put(String username, List<ScramCredential> credentials) {
        refresh();
        Map<String, ScramCredential> updated = new TreeMap<>(entries);
        for (ScramMechanism m : ScramMechanism.values()) {
            updated.remove(key(username, m));
        }
        credentials.forEach(c -> updated.put(key(username, c.mechanism()), c));
        write(updated);
    }

    /** Derives SCRAM-SHA-256 and SCRAM-SHA-512 credentials from a new password. Slow by design. */
    public static List<ScramCredential> derive(byte[] password, int iterations) {
        List<ScramCredential> out = new ArrayList<>();
        for (ScramMechanism m : ScramMechanism.values()) {
            out.add(ScramCredential.derive(m, password, iterations));
        }
        return out;
    }

    public synchronized void delete(String username) {
        refresh();
        Map<String, ScramCredential> updated = new TreeMap<>(entries);
        boolean changed = false;
        for (ScramMechanism m : ScramMechanism.values()) {
            changed |= updated.remove(key(username, m)) != null;
        }
        if (changed) {
            write(updated);
        }
    }

    private static String key(String username, ScramMechanism m) {
        return username + ":" + m.methodName();
    }

    private void refresh() {
        try {
            FileTime time = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (time.equals(loadedTime) && size == loadedSize) {
                return;
            }
            Map<String, ScramCredential> read = new TreeMap<>();
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                int colon = line.lastIndexOf(':');
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                try {
                    ScramCredential c = ScramCredential.decode(line.substring(colon + 1));
                    read.put(key(line.substring(0, colon), c.mechanism()), c);
                } catch (RuntimeException e) {
                    LOG.error("authentication.scram_file_bad_line file={}:{} (line skipped)", file, n);
                }
            }
            entries = read;
            loadedTime = time;
            loadedSize = size;
        } catch (NoSuchFileException e) {
            entries = Map.of();
            loadedTime = null;
            loadedSize = -1;
        } catch (IOException e) {
            LOG.error("authentication.scram_file_unreadable file={}: {}", file, e.toString());
        }
    }

    private void write(Map<String, ScramCredential> updated) {
        StringBuilder text = new StringBuilder();
        updated.forEach((k, c) -> text.append(k, 0, k.lastIndexOf(':')).append(':').append(c.encode()).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UserStoreException(file + ": cannot write SCRAM credentials: " + e.getMessage(), e);
        }
        entries = Map.copyOf(updated);
        refreshStamp();
    }

    private void refreshStamp() {
        try {
            loadedTime = Files.getLastModifiedTime(file);
            loadedSize = Files.size(file);
        } catch (IOException e) {
            loadedTime = null;
        }
    }
}
