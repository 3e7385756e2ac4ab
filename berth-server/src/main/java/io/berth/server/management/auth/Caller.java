package io.berth.server.management.auth;

/**
 * Who sent a management request, as the audit log names them.
 *
 * @param name          the account's username or the API key's name; empty for an anonymous request
 * @param role          what the caller may do; null for an anonymous request
 * @param kind          {@code user}, {@code api_key} or {@code anonymous}
 * @param remoteAddress the peer's IP address
 * @param token         the bearer token the request carried, or null
 */
public record Caller(String name, Role role, String kind, String remoteAddress, String token) {

    public static final String USER = "user";
    public static final String API_KEY = "api_key";
    public static final String ANONYMOUS = "anonymous";

    /** A request to a public path: login, /metrics. */
    public static Caller anonymous(String remoteAddress) {
        return new Caller("", null, ANONYMOUS, remoteAddress, null);
    }

    public boolean isAnonymous() {
        return role == null;
    }
}
