package io.berth.server.management;

import io.berth.server.management.auth.AdminAccount;
import io.berth.server.management.auth.AdminAccounts;
import io.berth.server.management.auth.LoginThrottle;
import io.berth.server.management.auth.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/v5/login} ({@code {"username","password"}} to a token, EMQX's shape) and
 * {@code POST /api/v5/logout}. Login checks a PBKDF2 hash, so it runs on the management executor; repeated failures
 * of one username from one address are refused with 429 and {@code Retry-After} (see {@link LoginThrottle}).
 */
final class LoginApi {

    private static final Logger LOG = LoggerFactory.getLogger("event.management");

    private final AdminAccounts accounts;
    private final TokenStore tokens;
    private final LoginThrottle throttle;

    LoginApi(AdminAccounts accounts, TokenStore tokens, LoginThrottle throttle) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    void register(Router router) {
        router.add("POST", HttpDispatcher.LOGIN_PATH, this::login, true)
                .describe("Log in: {username, password}", "{token, role, expires_in}; 401 BAD_USERNAME_OR_PWD; 429");
        router.addForAnyRole("POST", "/api/v5/logout", this::logout, false)
                .describe("End the token of this request", "204");
    }

    private ApiResponse login(ApiRequest r) {
        Map<String, Object> body = Json.readObject(r.body());
        if (!(body.get("username") instanceof String username) || !(body.get("password") instanceof String password)) {
            throw new ApiException(400, "BAD_REQUEST", "\"username\" and \"password\" (strings) are required");
        }
        String remote = r.caller().remoteAddress();
        Duration locked = throttle.lockedFor(username, remote);
        if (!locked.isZero()) {
            long seconds = Math.max(1, (locked.toMillis() + 999) / 1000);
            LOG.warn("management.login_throttled username={} remote={} retry_after={}s", username, remote, seconds);
            return ApiResponse.error(429, "TOO_MANY_REQUESTS", "too many failed logins of " + username
                    + " from this address; try again in " + seconds + " s")
                    .withHeader("Retry-After", Long.toString(seconds));
        }
        Optional<AdminAccount> account = accounts.verify(username, password);
        if (account.isEmpty()) {
            boolean nowLocked = throttle.failed(username, remote);
            LOG.warn("management.login_failed username={} remote={}{}", username, remote,
                    nowLocked ? " locked=true: too many failures, further logins refused for a while" : "");
            return ApiResponse.error(401, "BAD_USERNAME_OR_PWD", "wrong username or password");
        }
        throttle.succeeded(username, remote);
        AdminAccount a = account.get();
        String token = tokens.issue(a.username(), a.role());
        LOG.info("management.login username={} role={} remote={}", a.username(), a.role().key(), remote);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", token);
        out.put("username", a.username());
        out.put("role", a.role().key());
        out.put("expires_in", tokens.ttl().toSeconds());
        return ApiResponse.ok(out).withHeader("Cache-Control", "no-store");
    }

    private ApiResponse logout(ApiRequest r) {
        if (r.caller().token() == null) {
            throw new ApiException(400, "BAD_REQUEST", "logout ends a token from POST /api/v5/login; API keys are "
                    + "removed with DELETE /api/v5/api_key/{name}");
        }
        tokens.revoke(r.caller().token());
        LOG.info("management.logout username={} remote={}", r.caller().name(), r.caller().remoteAddress());
        return new ApiResponse(204, null);
    }
}
