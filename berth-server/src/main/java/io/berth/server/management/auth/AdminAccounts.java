package io.berth.server.management.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.core.auth.PasswordHashes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The management accounts, kept in {@code <node.data_dir>/management/users.json} (mode 0600) with PBKDF2 password
 * hashes. Every change is written before the method returns. The last administrator can be neither removed nor
 * turned into a viewer, so the endpoint never locks everyone out.
 *
 * <p>Thread-safe. Password work is slow by design and every change touches the disk: call it off the event loops.
 */
public final class AdminAccounts {

    /** Shortest password accepted for a new or changed password. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final int iterations;
    /** A hash of nothing, verified against when the username is unknown so both answers take as long. */
    private final String decoy;
    private final Map<String, AdminAccount> accounts = new LinkedHashMap<>();

    private AdminAccounts(Path file, int iterations) {
        this.file = file;
        this.iterations = iterations;
        this.decoy = decoy(iterations);
    }

    /**
     * Loads the accounts of {@code file}; a missing file holds none.
     *
     * @param iterations PBKDF2 iterations for new hashes
     * @throws IllegalStateException naming the file if it cannot be read or is malformed
     */
    public static AdminAccounts open(Path file, int iterations) {
        AdminAccounts store = new AdminAccounts(file.toAbsolutePath().normalize(), iterations);
        store.load();
        return store;
    }

    /** With the core's default PBKDF2 work factor. */
    public static AdminAccounts open(Path file) {
        return open(file, PasswordHashes.DEFAULT_PBKDF2_ITERATIONS);
    }

    public Path file() {
        return file;
    }

    public synchronized boolean isEmpty() {
        return accounts.isEmpty();
    }

    public synchronized List<AdminAccount> list() {
        return List.copyOf(accounts.values());
    }

    public synchronized Optional<AdminAccount> find(String username) {
        return Optional.ofNullable(accounts.get(username));
    }

    /** The account if {@code password} is its password. Slow (PBKDF2) whether or not the username exists. */
    public Optional<AdminAccount> verify(String username, String password) {
        AdminAccount account;
        synchronized (this) {
            account = accounts.get(username);
        }
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        boolean ok = PasswordHashes.verify(account == null ? decoy : account.passwordHash(), pw);
        return ok && account != null ? Optional.of(account) : Optional.empty();
    }

    /**
     * Adds an account.
     *
     * @throws IllegalArgumentException for a bad username or a short password
     * @throws IllegalStateException    if the username is taken
     */
    public AdminAccount create(String username, String password, Role role, String description) {
        AdminAccount.checkUsername(username);
        checkPassword(password);
        String hash = PasswordHashes.pbkdf2(password.getBytes(StandardCharsets.UTF_8), iterations);
        synchronized (this) {
            if (accounts.containsKey(username)) {
                throw new IllegalStateException("account " + username + " already exists");
            }
            AdminAccount account = new AdminAccount(username, hash, role, description);
            Map<String, AdminAccount> updated = new LinkedHashMap<>(accounts);
            updated.put(username, account);
            save(updated);
            return account;
        }
    }

    /**
     * Changes the role and description of an account.
     *
     * @return the updated account, or empty if there is none of that name
     * @throws IllegalStateException if it would leave no administrator
     */
    public synchronized Optional<AdminAccount> update(String username, Role role, String description) {
        AdminAccount old = accounts.get(username);
        if (old == null) {
            return Optional.empty();
        }
        AdminAccount updated = old.with(role == null ? old.role() : role,
                description == null ? old.description() : description);
        Map<String, AdminAccount> all = new LinkedHashMap<>(accounts);
        all.put(username, updated);
        requireAnAdministrator(all);
        save(all);
        return Optional.of(updated);
    }

    /**
     * Sets a new password.
     *
     * @return false if there is no such account
     * @throws IllegalArgumentException for a short password
     */
    public boolean setPassword(String username, String password) {
        checkPassword(password);
        String hash = PasswordHashes.pbkdf2(password.getBytes(StandardCharsets.UTF_8), iterations);
        synchronized (this) {
            AdminAccount old = accounts.get(username);
            if (old == null) {
                return false;
            }
            Map<String, AdminAccount> all = new LinkedHashMap<>(accounts);
            all.put(username, old.withPasswordHash(hash));
            save(all);
            return true;
        }
    }

    /**
     * Removes an account.
     *
     * @return false if there is no such account
     * @throws IllegalStateException if it is the last administrator
     */
    public synchronized boolean remove(String username) {
        if (!accounts.containsKey(username)) {
            return false;
        }
        Map<String, AdminAccount> all = new LinkedHashMap<>(accounts);
        all.remove(username);
        requireAnAdministrator(all);
        save(all);
        return true;
    }

    /** A well-formed hash of random bytes: verifying against it costs a real PBKDF2 run and never matches. */
    private static String decoy(int iterations) {
        java.security.SecureRandom random = new java.security.SecureRandom();
        byte[] salt = new byte[16];
        byte[] key = new byte[64];
        random.nextBytes(salt);
        random.nextBytes(key);
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        return "$7$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
    }

    /** @throws IllegalArgumentException if {@code password} is too short to accept */
    public static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private static void requireAnAdministrator(Map<String, AdminAccount> all) {
        if (all.values().stream().noneMatch(a -> a.role() == Role.ADMINISTRATOR)) {
            throw new IllegalStateException("the last administrator cannot be removed or made a viewer");
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            for (JsonNode u : root.path("users")) {
                AdminAccount a = new AdminAccount(u.path("username").asText(null),
                        u.path("password_hash").asText(null), Role.of(u.path("role").asText()),
                        u.path("description").asText(""));
                String problem = PasswordHashes.problem(a.passwordHash());
                if (problem != null) {
                    throw new IllegalArgumentException("account " + a.username() + ": " + problem);
                }
                accounts.put(a.username(), a);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + ": cannot read the management accounts: " + e.getMessage(), e);
        }
    }

    private void save(Map<String, AdminAccount> all) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ArrayNode users = root.putArray("users");
        for (AdminAccount a : all.values()) {
            users.addObject().put("username", a.username()).put("password_hash", a.passwordHash())
                    .put("role", a.role().key()).put("description", a.description());
        }
        try {
            PrivateFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the management accounts: " + e.getMessage(), e);
        }
        accounts.clear();
        accounts.putAll(all);
    }

    /** The accounts as a list for tests and reports. */
    synchronized List<String> usernames() {
        return new ArrayList<>(accounts.keySet());
    }
}
