package io.berth.server.protection;

import io.berth.core.acl.Cidr;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A listener's {@code access_rules} (EMQX form): {@code ["allow 10.0.0.0/8", "allow 127.0.0.1", "deny all"]},
 * checked in order against the peer address of each accepted socket; the first rule that matches decides, and an
 * address no rule matches is allowed. Immutable.
 */
public final class AccessRules {

    private record Rule(boolean allow, Cidr range, String text) {
        boolean matches(InetAddress address) {
            return range == null || range.contains(address);
        }
    }

    private static final AccessRules ALLOW_ALL = new AccessRules(List.of());

    private final List<Rule> rules;

    private AccessRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** No rules: every address is allowed. */
    public static AccessRules allowAll() {
        return ALLOW_ALL;
    }

    /**
     * Parses rules such as {@code "allow 192.168.0.0/16"}, {@code "deny 203.0.113.7"}, {@code "deny all"}.
     *
     * @throws IllegalArgumentException naming the rule that is wrong
     */
    public static AccessRules parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.trim().split("\\s+");
            if (words.length != 2) {
                throw new IllegalArgumentException("rule \"" + line + "\" must be \"allow <address or CIDR or all>\" "
                        + "or \"deny <...>\"");
            }
            String verb = words[0].toLowerCase(Locale.ROOT);
            if (!verb.equals("allow") && !verb.equals("deny")) {
                throw new IllegalArgumentException("rule \"" + line + "\" must start with allow or deny");
            }
            Cidr range;
            if (words[1].equalsIgnoreCase("all")) {
                range = null;
            } else {
                try {
                    range = Cidr.parse(words[1]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("rule \"" + line + "\": " + e.getMessage());
                }
            }
            rules.add(new Rule(verb.equals("allow"), range, line.trim()));
        }
        return rules.isEmpty() ? ALLOW_ALL : new AccessRules(rules);
    }

    /** The first matching rule's text, or null when the address is allowed (by a rule or because none matched). */
    public String deniedBy(InetAddress address) {
        for (Rule r : rules) {
            if (r.matches(address)) {
                return r.allow() ? null : r.text();
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The rules as written, in order ({@code ["allow 10.0.0.0/8", "deny all"]}); empty for {@link #allowAll()}. */
    public List<String> texts() {
        return rules.stream().map(Rule::text).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessRules other && other.rules.equals(rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return rules.stream().map(Rule::text).toList().toString();
    }
}
