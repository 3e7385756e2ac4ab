package io.berth.core.acl;

import io.berth.core.auth.ClientIdentity;

import java.util.List;
import java.util.regex.Pattern;

/** The "who" part of an ACL rule. */
public sealed interface AclWho {

    boolean matches(ClientIdentity client);

    /** {@code all}: every client. */
    record All() implements AclWho {
        @Override
        public boolean matches(ClientIdentity client) {
            return true;
        }

        @Override
        public String toString() {
            return "all";
        }
    }

    /** {@code {username, "name"}} or {@code {username, {re, "regex"}}}; never matches an anonymous client. */
    record Username(String exact, Pattern regex) implements AclWho {
        @Override
        public boolean matches(ClientIdentity client) {
            return matchText(client.username(), exact, regex);
        }

        @Override
        public String toString() {
            return "{username, " + show(exact, regex) + "}";
        }
    }

    /** {@code {clientid, "id"}} or {@code {clientid, {re, "regex"}}}. */
    record ClientId(String exact, Pattern regex) implements AclWho {
        @Override
        public boolean matches(ClientIdentity client) {
            return matchText(client.clientId(), exact, regex);
        }

        @Override
        public String toString() {
            return "{clientid, " + show(exact, regex) + "}";
        }
    }

    /**
     * {@code {cert_common_name, "name"}} or {@code {cert_common_name, {re, "regex"}}}: the Common Name of the
     * client's verified TLS certificate; never matches a client without one.
     */
    record CertCommonName(String exact, Pattern regex) implements AclWho {
        @Override
        public boolean matches(ClientIdentity client) {
            return matchText(client.certCommonName(), exact, regex);
        }

        @Override
        public String toString() {
            return "{cert_common_name, " + show(exact, regex) + "}";
        }
    }

    /** {@code {ipaddr, "10.0.0.0/8"}} or {@code {ipaddrs, [...]}}: the client's address is in one of the ranges. */
    record IpAddr(List<Cidr> ranges) implements AclWho {
        @Override
        public boolean matches(ClientIdentity client) {
            for (Cidr range : ranges) {
                if (range.contains(client.address())) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return ranges.size() == 1 ? "{ipaddr, \"" + ranges.get(0) + "\"}" : "{ipaddrs, " + ranges + "}";
        }
    }

    /** {@code {'and', [...]}}: every part matches. */
    record And(List<AclWho> parts) implements AclWho {
        @Override
        public boolean matches(ClientIdentity client) {
            for (AclWho w : parts) {
                if (!w.matches(client)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "{'and', " + parts + "}";
        }
    }

    /** {@code {'or', [...]}}: some part matches. */
    record Or(List<AclWho> parts) implements AclWho {
        @Override
        public boolean matches(ClientIdentity client) {
            for (AclWho w : parts) {
                if (w.matches(client)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "{'or', " + parts + "}";
        }
    }

    private static boolean matchText(String value, String exact, Pattern regex) {
        if (value == null) {
            return false;
        }
        return exact != null ? exact.equals(value) : regex.matcher(value).find();
    }

    private static String show(String exact, Pattern regex) {
        return exact != null ? "\"" + exact + "\"" : "{re, \"" + regex.pattern() + "\"}";
    }
}
