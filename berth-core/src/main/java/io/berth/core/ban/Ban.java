package io.berth.core.ban;

import io.berth.core.acl.Cidr;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * One ban: who (a client id, a username, or a peer address / CIDR range), why, by whom and until when.
 *
 * @param kind   what {@code who} names
 * @param who    the client id, the username, or an address such as {@code 203.0.113.7} or {@code 10.0.0.0/8}
 * @param reason free text for operators
 * @param by     who set it: an operator's name, {@code flapping_detect} or {@code brute_force_detect}
 * @param at     when it was set
 * @param until  when it ends; null for never
 */
public record Ban(Kind kind, String who, String reason, String by, Instant at, Instant until) {

    /** What a ban matches on (EMQX's {@code clientid}, {@code username}, {@code peerhost}). */
    public enum Kind {
        CLIENTID, USERNAME, PEERHOST;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** @throws IllegalArgumentException for an unknown kind */
        public static Kind of(String key) {
            return switch (key) {
                case "clientid" -> CLIENTID;
                case "username" -> USERNAME;
                case "peerhost" -> PEERHOST;
                default -> throw new IllegalArgumentException("ban kind must be clientid, username or peerhost: "
                        + key);
            };
        }
    }

    public Ban {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
        by = by == null ? "" : by;
        if (who.isEmpty()) {
            throw new IllegalArgumentException("a ban needs a " + kind.key());
        }
        if (kind == Kind.PEERHOST) {
            Cidr.parse(who); // throws with a message for a bad address
        }
    }

    /** Whether the ban is in force at {@code now}. */
    public boolean activeAt(Instant now) {
        return until == null || now.isBefore(until);
    }

    /** Whether the ban matches a client with these details (any may be null). */
    public boolean matches(String clientId, String username, InetAddress address) {
        return switch (kind) {
            case CLIENTID -> who.equals(clientId);
            case USERNAME -> who.equals(username);
            case PEERHOST -> Cidr.parse(who).contains(address);
        };
    }
}
