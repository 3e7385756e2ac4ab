package io.berth.server.management;

import io.berth.server.management.auth.AdminAccount;
import io.berth.server.management.auth.AdminAccounts;
import io.berth.server.management.auth.Caller;
import io.berth.server.management.auth.Role;
import io.berth.server.management.auth.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The management accounts, on EMQX's dashboard-user paths: {@code GET/POST /api/v5/users},
 * {@code PUT/DELETE /api/v5/users/{username}} and {@code POST /api/v5/users/{username}/change_pwd}
 * ({@code old_pwd}, {@code new_pwd}). Anyone signed in may change their own password (with the old one); an
 * administrator may set anyone's. A changed password, role or a removed account ends that account's other logins.
 * Password work and file writes make every change a blocking route.
 */
final class UsersApi {

    private static final Logger LOG = LoggerFactory.getLogger("event.management");

    private final AdminAccounts accounts;
    private final TokenStore tokens;
    private final Path initialPasswordFile;
    private final String initialAdministrator;

    /**
     * @param initialPasswordFile  where the first administrator's generated password was written: removed once that
     *                             password is changed, since it no longer works
     * @param initialAdministrator the first administrator's username ({@code dashboard.default_username})
     */
    UsersApi(AdminAccounts accounts, TokenStore tokens, Path initialPasswordFile, String initialAdministrator) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.initialPasswordFile = initialPasswordFile;
        this.initialAdministrator = initialAdministrator;
    }

    void register(Router router) {
        router.add("GET", "/api/v5/users", r -> ApiResponse.ok(accounts.list().stream().map(UsersApi::json)
                .toList()), true).describe("Management accounts (not MQTT users)", "[{username, role, ...}]");
        router.add("POST", "/api/v5/users", this::create, true).describe("Add a management account", "account");
        router.add("PUT", "/api/v5/users/{username}", this::update, true)
                .describe("Change a management account", "account");
        router.add("DELETE", "/api/v5/users/{username}", this::remove, true)
                .describe("Delete a management account", "204");
        router.addForAnyRole("POST", "/api/v5/users/{username}/change_pwd", this::changePassword, true)
                .describe("Change a management account's password (any role, its own)", "204");
    }

    private ApiResponse create(ApiRequest r) {
        BodyFields body = BodyFields.of(r, Set.of("username", "password", "role", "description"));
        try {
            Role role = body.has("role") ? Role.of(body.text("role")) : Role.VIEWER;
            AdminAccount a = accounts.create(body.requiredText("username"), body.requiredText("password"), role,
                    body.text("description"));
            LOG.info("management.user_created username={} role={} by={}", a.username(), role.key(),
                    r.caller().name());
            return ApiResponse.ok(json(a));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "BAD_REQUEST", e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(409, "ALREADY_EXISTS", e.getMessage());
        }
    }

    private ApiResponse update(ApiRequest r) {
        BodyFields body = BodyFields.of(r, Set.of("role", "description"));
        String username = r.param("username");
        try {
            Role role = body.has("role") ? Role.of(body.text("role")) : null;
            AdminAccount before = existing(username);
            AdminAccount a = accounts.update(username, role, body.text("description"))
                    .orElseThrow(() -> notFound(username));
            if (a.role() != before.role()) {
                tokens.revokeUser(username);
            }
            LOG.info("management.user_updated username={} role={} by={}", username, a.role().key(),
                    r.caller().name());
            return ApiResponse.ok(json(a));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "BAD_REQUEST", e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(409, "CONFLICT", e.getMessage());
        }
    }

    private ApiResponse remove(ApiRequest r) {
        String username = r.param("username");
        try {
            if (!accounts.remove(username)) {
                throw notFound(username);
            }
        } catch (IllegalStateException e) {
            throw new ApiException(409, "CONFLICT", e.getMessage());
        }
        tokens.revokeUser(username);
        LOG.info("management.user_deleted username={} by={}", username, r.caller().name());
        return new ApiResponse(204, null);
    }

    private ApiResponse changePassword(ApiRequest r) {
        BodyFields body = BodyFields.of(r, Set.of("old_pwd", "new_pwd"));
        String username = r.param("username");
        Caller caller = r.caller();
        boolean self = Caller.USER.equals(caller.kind()) && caller.name().equals(username);
        if (!self && caller.role() != Role.ADMINISTRATOR) {
            throw new ApiException(403, "FORBIDDEN", "a viewer may only change its own password");
        }
        existing(username);
        if (self && accounts.verify(username, body.requiredText("old_pwd")).isEmpty()) {
            throw new ApiException(400, "BAD_USERNAME_OR_PWD", "\"old_pwd\" is not the current password");
        }
        try {
            accounts.setPassword(username, body.requiredText("new_pwd"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "BAD_REQUEST", "\"new_pwd\": " + e.getMessage());
        }
        tokens.revokeUser(username, self ? caller.token() : null);
        forgetInitialPassword(username);
        LOG.info("management.password_changed username={} by={}", username, caller.name());
        return new ApiResponse(204, null);
    }

    /** The generated first password no longer works once the first administrator's password has changed. */
    private void forgetInitialPassword(String username) {
        if (username.equals(initialAdministrator)) {
            try {
                Files.deleteIfExists(initialPasswordFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private AdminAccount existing(String username) {
        return accounts.find(username).orElseThrow(() -> notFound(username));
    }

    private static ApiException notFound(String username) {
        return new ApiException(404, "NOT_FOUND", "no management account named " + username);
    }

    private static Map<String, Object> json(AdminAccount a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", a.username());
        m.put("role", a.role().key());
        m.put("description", a.description());
        return m;
    }
}
