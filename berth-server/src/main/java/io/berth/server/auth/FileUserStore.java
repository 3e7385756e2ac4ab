package io.berth.server.auth;

import io.berth.core.auth.UserRecord;
import io.berth.core.auth.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The built-in user store as a text file ({@code <node.data_dir>/users.passwd}, see {@link UserFileFormat}),
 * shared by the running broker and the {@code berth users} command: writes replace the file atomically (owner-only
 * permissions), and reads notice a file changed by another process. A missing file is an empty store.
 *
 * <p>Thread-safe; every method touches the disk, so call it off the event loops.
 */
public final class FileUserStore implements UserStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileUserStore.class);

    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private Map<String, UserRecord> users = Map.of();
    private Object loadedKey;
    private FileTime loadedTime;
    private long loadedSize = -1;

    public FileUserStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    public Path file() {
        return file;
    }

    /**
     * Reads the file now.
     *
     * @throws UserStoreException if it cannot be read or holds a bad line
     */
    public synchronized void load() {
        refresh(true);
    }

    @Override
    public synchronized Optional<UserRecord> find(String username) {
        refresh(false);
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public synchronized List<UserRecord> list() {
        refresh(false);
        return List.copyOf(users.values());
    }

    @Override
    public synchronized void put(UserRecord user) {
        refresh(true);
        Map<String, UserRecord> copy = new TreeMap<>(users);
        copy.put(user.username(), user);
        write(copy);
    }

    /** Adds or replaces several users in one write. */
    public synchronized void putAll(List<UserRecord> batch) {
        refresh(true);
        Map<String, UserRecord> copy = new TreeMap<>(users);
        batch.forEach(u -> copy.put(u.username(), u));
        write(copy);
    }

    @Override
    public synchronized boolean delete(String username) {
        refresh(true);
        if (!users.containsKey(username)) {
            return false;
        }
        Map<String, UserRecord> copy = new TreeMap<>(users);
        copy.remove(username);
        write(copy);
        return true;
    }

    /** Reloads when the file changed; a broken file keeps the last good users unless {@code strict}. */
    private void refresh(boolean strict) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            users = Map.of();
            loadedTime = null;
            return;
        } catch (IOException e) {
            fail(strict, new UserStoreException(file + ": cannot read: " + e.getMessage(), e));
            return;
        }
        if (attrs.lastModifiedTime().equals(loadedTime) && attrs.size() == loadedSize
                && java.util.Objects.equals(attrs.fileKey(), loadedKey)) {
            return;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Map<String, UserRecord> fresh = new TreeMap<>();
            for (UserRecord u : UserFileFormat.parse(text, file.toString())) {
                fresh.put(u.username(), u);
            }
            users = fresh;
            loadedTime = attrs.lastModifiedTime();
            loadedSize = attrs.size();
            loadedKey = attrs.fileKey();
        } catch (IOException e) {
            fail(strict, new UserStoreException(file + ": cannot read: " + e.getMessage(), e));
        } catch (UserStoreException e) {
            fail(strict, e);
        }
    }

    private void fail(boolean strict, UserStoreException e) {
        if (strict) {
            throw e;
        }
        LOG.error("users.load_failed {}; keeping the {} users read before", e.getMessage(), users.size());
    }

    private void write(Map<String, UserRecord> updated) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, UserFileFormat.format(new ArrayList<>(updated.values())), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UserStoreException(file + ": cannot write: " + e.getMessage(), e);
        }
        loadedTime = null; // read back on next access
        refresh(true);
    }
}
