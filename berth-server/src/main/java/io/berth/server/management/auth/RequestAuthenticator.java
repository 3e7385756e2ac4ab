package io.berth.server.management.auth;

import java.util.Locale;

/**
 * Tells who sent a request from its {@code Authorization} header: {@code Bearer <token>} from
 * {@code POST /api/v5/login}, or {@code Basic base64(api_key:api_secret)} for an API key. Non-blocking (a map
 * lookup, or one SHA-256 for an API key): runs on the event loop.
 */
public final class RequestAuthenticator {

    private final TokenStore tokens;
    private final ApiKeys apiKeys;

    public RequestAuthenticator(TokenStore tokens, ApiKeys apiKeys) {
        this.tokens = tokens;
        this.apiKeys = apiKeys;
    }

    /**
     * The caller of a request to a protected path.
     *
     * @param authorization the {@code Authorization} header, or null
     * @param remoteAddress the peer's IP address
     * @throws AccessDeniedException when the header is missing, malformed, or names no valid login or key
     */
    public Caller authenticate(String authorization, String remoteAddress) {
        if (authorization == null || authorization.isBlank()) {
            throw new AccessDeniedException("authentication required: send \"Authorization: Bearer <token>\" "
                    + "(POST /api/v5/login) or HTTP Basic with an API key");
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        String value = space < 0 ? "" : header.substring(space + 1).strip();
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "bearer" -> {
                TokenStore.Login login = tokens.find(value).orElseThrow(() ->
                        new AccessDeniedException("the token is invalid or expired: log in again"));
                return new Caller(login.username(), login.role(), Caller.USER, remoteAddress, value);
            }
            case "basic" -> {
                ApiKeys.Key key = apiKeys.verify(value).orElseThrow(() ->
                        new AccessDeniedException("the API key or secret is wrong, or the key is disabled or "
                                + "expired"));
                return new Caller(key.name(), key.role(), Caller.API_KEY, remoteAddress, null);
            }
            default -> throw new AccessDeniedException("unsupported authorization scheme \"" + scheme
                    + "\": use Bearer or Basic");
        }
    }
}
