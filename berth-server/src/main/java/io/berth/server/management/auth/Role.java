package io.berth.server.management.auth;

import java.util.Locale;

/** What a management account or API key may do: EMQX's dashboard roles. */
public enum Role {
    /** Everything. */
    ADMINISTRATOR,
    /** Reads only: GET requests; any other method is refused with 403. */
    VIEWER;

    /** The name in JSON and files: {@code administrator}, {@code viewer}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role may send a request with {@code method}. */
    public boolean allows(String method) {
        return this == ADMINISTRATOR || method.equals("GET") || method.equals("HEAD");
    }

    /**
     * The role named {@code key}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Role of(String key) {
        for (Role r : values()) {
            if (r.key().equals(key)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be \"administrator\" or \"viewer\", got \"" + key + "\"");
    }
}
