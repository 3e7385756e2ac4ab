package io.berth.server.management;

import io.berth.core.auth.PasswordHashes;
import io.berth.core.auth.UserRecord;
import io.berth.core.auth.scram.ScramCredential;
import io.berth.server.auth.FileUserStore;
import io.berth.server.auth.ScramCredentialFile;
import io.berth.server.auth.UserStoreException;
import io.berth.server.config.AuthenticationConfig;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MQTT client users of the built-in database, on EMQX's paths, in the same files {@code berth users} edits (the
 * password hash in {@code users.passwd}, SCRAM credentials in {@code users.scram}); the broker reads the files again
 * when they change, so a change counts from the next CONNECT:
 * <pre>
 * GET    /api/v5/authentication/password_based:built_in_database/users             list (paging, like_user_id)
 * POST   /api/v5/authentication/password_based:built_in_database/users             {user_id, password, is_superuser}
 * GET    /api/v5/authentication/password_based:built_in_database/users/{user_id}
 * PUT    /api/v5/authentication/password_based:built_in_database/users/{user_id}   {password?, is_superuser?}
 * DELETE /api/v5/authentication/password_based:built_in_database/users/{user_id}
 * </pre>
 * Hashing is slow on purpose and files are written, so every route runs on the management executor.
 */
final class UsersApi {

    static final String BASE = "/api/v5/authentication/password_based:built_in_database/users";

    private final FileUserStore users;
    private final ScramCredentialFile scram;
    private final AuthenticationConfig config;

    UsersApi(FileUserStore users, AuthenticationConfig config) {
        this.users = users;
        this.scram = new ScramCredentialFile(users.file().resolveSibling(ScramCredentialFile.FILE));
        this.config = config;
    }

    void register(Router router) {
        router.add("GET", BASE, this::list, true).describe("List the MQTT users of the built-in database",
                "{data: [{user_id, is_superuser}], meta}", Router.PAGING, "like_user_id");
        router.add("POST", BASE, this::add, true).describe("Add a user: {user_id, password, is_superuser}",
                "201 {user_id, is_superuser}; 400 BAD_REQUEST; 409 ALREADY_EXISTS");
        router.add("GET", BASE + "/{user_id}", r -> ApiResponse.ok(json(find(r))), true)
                .describe("One user", "{user_id, is_superuser}; 404 NOT_FOUND");
        router.add("PUT", BASE + "/{user_id}", this::update, true)
                .describe("Change a user's password and/or superuser flag: {password?, is_superuser?}",
                        "{user_id, is_superuser}; 400 BAD_REQUEST; 404 NOT_FOUND");
        router.add("DELETE", BASE + "/{user_id}", this::delete, true)
                .describe("Delete a user", "204; 404 NOT_FOUND");
    }

    private ApiResponse list(ApiRequest r) {
        Paging paging = Paging.of(r);
        String like = r.query("like_user_id");
        List<Map<String, Object>> all = store(() -> users.list()).stream()
                .filter(u -> like == null || u.username().contains(like)).map(UsersApi::json).toList();
        return ApiResponse.ok(paging.apply(all));
    }

    private ApiResponse add(ApiRequest r) {
        Map<String, Object> body = Json.readObject(r.body());
        allowOnly(body, Set.of("user_id", "password", "is_superuser"));
        String id = string(body, "user_id", true);
        String problem = UserRecord.usernameProblem(id);
        if (problem != null) {
            throw new ApiException(400, "BAD_REQUEST", "user_id: " + problem);
        }
        byte[] password = password(body, true);
        boolean superuser = bool(body, "is_superuser", false);
        if (store(() -> users.find(id)).isPresent()) {
            throw new ApiException(409, "ALREADY_EXISTS", "user " + id + " exists; change its password with PUT "
                    + BASE + "/" + id);
        }
        UserRecord user = new UserRecord(id, hash(password), superuser);
        List<ScramCredential> credentials = scramOf(password); // last: it wipes the password
        store(() -> {
            users.put(user);
            scram.put(id, credentials);
            return null;
        });
        return new ApiResponse(201, json(user));
    }

    private ApiResponse update(ApiRequest r) {
        Map<String, Object> body = Json.readObject(r.body());
        allowOnly(body, Set.of("password", "is_superuser", "user_id"));
        UserRecord user = find(r);
        if (body.containsKey("user_id") && !user.username().equals(body.get("user_id"))) {
            throw new ApiException(400, "BAD_REQUEST", "user_id: a user cannot be renamed (delete and add it)");
        }
        UserRecord next = user.withSuperuser(bool(body, "is_superuser", user.superuser()));
        List<ScramCredential> credentials = null;
        if (body.containsKey("password")) {
            byte[] password = password(body, true);
            next = next.withPasswordHash(hash(password));
            credentials = scramOf(password); // last: it wipes the password
        }
        UserRecord changed = next;
        List<ScramCredential> newScram = credentials;
        store(() -> {
            users.put(changed);
            if (newScram != null) {
                scram.put(changed.username(), newScram);
            }
            return null;
        });
        return ApiResponse.ok(json(changed));
    }

    private ApiResponse delete(ApiRequest r) {
        String id = r.param("user_id");
        boolean deleted = store(() -> {
            boolean gone = users.delete(id);
            if (gone) {
                scram.delete(id);
            }
            return gone;
        });
        if (!deleted) {
            throw notFound(id);
        }
        return new ApiResponse(204, null);
    }

    private UserRecord find(ApiRequest r) {
        String id = r.param("user_id");
        Optional<UserRecord> user = store(() -> users.find(id));
        return user.orElseThrow(() -> notFound(id));
    }

    private String hash(byte[] password) {
        byte[] copy = password.clone();
        try {
            return PasswordHashes.hash(config.passwordHashAlgorithm(), copy, config.hashWork());
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    private static List<ScramCredential> scramOf(byte[] password) {
        try {
            return ScramCredentialFile.derive(password, ScramCredential.DEFAULT_ITERATIONS);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    private static <T> T store(java.util.function.Supplier<T> operation) {
        try {
            return operation.get();
        } catch (UserStoreException e) {
            throw new ApiException(500, "INTERNAL_ERROR", "user store: " + e.getMessage());
        }
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "NOT_FOUND", "no user " + id);
    }

    private static byte[] password(Map<String, Object> body, boolean required) {
        String p = string(body, "password", required);
        if (p.isEmpty()) {
            throw new ApiException(400, "BAD_REQUEST", "password: must not be empty");
        }
        return p.getBytes(StandardCharsets.UTF_8);
    }

    static void allowOnly(Map<String, Object> body, Set<String> known) {
        for (String key : body.keySet()) {
            if (!known.contains(key)) {
                throw new ApiException(400, "BAD_REQUEST", "unknown field \"" + key + "\"; known: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    static String string(Map<String, Object> body, String key, boolean required) {
        Object v = body.get(key);
        if (v == null) {
            if (required) {
                throw new ApiException(400, "BAD_REQUEST", key + ": required");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw new ApiException(400, "BAD_REQUEST", key + ": must be a string");
        }
        return s;
    }

    private static boolean bool(Map<String, Object> body, String key, boolean otherwise) {
        Object v = body.get(key);
        if (v == null) {
            return otherwise;
        }
        if (!(v instanceof Boolean b)) {
            throw new ApiException(400, "BAD_REQUEST", key + ": must be true or false");
        }
        return b;
    }

    private static Map<String, Object> json(UserRecord u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user_id", u.username());
        m.put("is_superuser", u.superuser());
        return m;
    }
}
