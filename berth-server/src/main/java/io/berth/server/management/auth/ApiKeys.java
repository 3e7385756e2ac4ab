package io.berth.server.management.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys for scripts, kept in {@code <node.data_dir>/management/api_keys.json} (mode 0600). A key is a public id
 * and a secret that is shown once, at creation, and stored only as a salted SHA-256: the secret is 256 random bits,
 * so a slow hash would add nothing against guessing and would cost every request a PBKDF2 run. Scripts send them as
 * HTTP Basic {@code api_key:api_secret}.
 *
 * <p>Thread-safe. Lookups read an immutable snapshot and never block (they run on the event loops); changes write
 * the file and must run off the event loops.
 */
public final class ApiKeys {

    /** One key, without its secret. */
    public record Key(String name, String apiKey, String secretHash, Role role, Instant expiresAt, String description,
                      boolean enabled, Instant createdAt) {
    }

    /** A new key with its secret, which is never available again. */
    public record Created(Key key, String secret) {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;
    private volatile Map<String, Key> byName = Map.of();

    private ApiKeys(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /**
     * Loads the keys of {@code file}; a missing file holds none.
     *
     * @throws IllegalStateException naming the file if it cannot be read or is malformed
     */
    public static ApiKeys open(Path file, Clock clock) {
        ApiKeys keys = new ApiKeys(file.toAbsolutePath().normalize(), clock);
        keys.load();
        return keys;
    }

    public List<Key> list() {
        return List.copyOf(byName.values());
    }

    /**
     * Creates a key.
     *
     * @param expiresAt when it stops working, or null for never
     * @throws IllegalArgumentException for a bad name or an expiry in the past
     * @throws IllegalStateException    if the name is taken
     */
    public synchronized Created create(String name, Role role, Instant expiresAt, String description) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1 to 64 letters, digits or _ . -, got \"" + name + "\"");
        }
        if (byName.containsKey(name)) {
            throw new IllegalStateException("API key " + name + " already exists");
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("expired_at must be in the future, got " + expiresAt);
        }
        String apiKey = random(8, false);
        String secret = random(32, true);
        Key key = new Key(name, apiKey, hash(secret), role, expiresAt, description == null ? "" : description, true,
                now);
        Map<String, Key> updated = new LinkedHashMap<>(byName);
        updated.put(name, key);
        save(updated);
        return new Created(key, secret);
    }

    /** Removes a key; false if there is none of that name. */
    public synchronized boolean remove(String name) {
        if (!byName.containsKey(name)) {
            return false;
        }
        Map<String, Key> updated = new LinkedHashMap<>(byName);
        updated.remove(name);
        save(updated);
        return true;
    }

    /**
     * The key of an HTTP Basic credential ({@code base64(api_key:api_secret)}), if the secret matches and the key is
     * enabled and not expired.
     */
    public Optional<Key> verify(String basicCredential) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(basicCredential), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String apiKey = decoded.substring(0, colon);
        String secret = decoded.substring(colon + 1);
        for (Key k : byName.values()) {
            if (k.apiKey().equals(apiKey)) {
                boolean live = k.enabled() && (k.expiresAt() == null || clock.instant().isBefore(k.expiresAt()));
                return live && matches(k.secretHash(), secret) ? Optional.of(k) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String random(int bytes, boolean base64) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return base64 ? Base64.getUrlEncoder().withoutPadding().encodeToString(b) : HexFormat.of().formatHex(b);
    }

    /** {@code sha256$<salt>$<digest>}, base64. */
    static String hash(String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return "sha256$" + b64.encodeToString(salt) + "$" + b64.encodeToString(digest(salt, secret));
    }

    static boolean matches(String stored, String secret) {
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 3 || !parts[0].equals("sha256")) {
            return false;
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            return MessageDigest.isEqual(b64.decode(parts[2]), digest(b64.decode(parts[1]), secret));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] digest(byte[] salt, String secret) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt);
            md.update(secret.getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        Map<String, Key> loaded = new LinkedHashMap<>();
        try {
            JsonNode root = JSON.readTree(file.toFile());
            for (JsonNode k : root.path("api_keys")) {
                String expires = k.path("expired_at").asText(null);
                Key key = new Key(k.path("name").asText(), k.path("api_key").asText(),
                        k.path("api_secret_hash").asText(), Role.of(k.path("role").asText()),
                        expires == null ? null : Instant.parse(expires), k.path("desc").asText(""),
                        k.path("enable").asBoolean(true), Instant.parse(k.path("created_at").asText()));
                loaded.put(key.name(), key);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + ": cannot read the API keys: " + e.getMessage(), e);
        }
        byName = java.util.Collections.unmodifiableMap(loaded);
    }

    private void save(Map<String, Key> updated) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ArrayNode all = root.putArray("api_keys");
        for (Key k : updated.values()) {
            all.addObject().put("name", k.name()).put("api_key", k.apiKey()).put("api_secret_hash", k.secretHash())
                    .put("role", k.role().key())
                    .put("expired_at", k.expiresAt() == null ? null : k.expiresAt().toString())
                    .put("desc", k.description()).put("enable", k.enabled())
                    .put("created_at", k.createdAt().toString());
        }
        try {
            PrivateFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the API keys: " + e.getMessage(), e);
        }
        byName = java.util.Collections.unmodifiableMap(updated);
    }
}
