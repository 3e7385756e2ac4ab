package io.berth.core.acl;

import io.berth.core.auth.ClientIdentity;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides whether a client may publish to a topic or subscribe to a filter. The rules can be replaced at any time
 * (file reload); every connection's {@link AclCache} notices through {@link #generation()}.
 *
 * <p>Thread-safe: checks run on the event loops and read an immutable snapshot; replacing the rules is one
 * volatile write, done off the event loops.
 */
public final class Authorization {

    private final boolean noMatchAllow;
    private final DenyAction denyAction;
    private final int cacheSize;
    private final AtomicInteger generation = new AtomicInteger();
    private volatile AclRules rules;

    /**
     * @param rules        the initial rules, or null for authorization turned off (everything allowed)
     * @param noMatchAllow what happens when no rule matches ({@code authorization.no_match})
     * @param denyAction   what a denied PUBLISH does to the connection
     * @param cacheSize    decisions cached per connection; 0 turns the cache off
     */
    public Authorization(AclRules rules, boolean noMatchAllow, DenyAction denyAction, int cacheSize) {
        this.rules = rules;
        this.noMatchAllow = noMatchAllow;
        this.denyAction = denyAction;
        this.cacheSize = cacheSize;
    }

    /** Authorization turned off: every client may publish and subscribe anywhere. */
    public static Authorization disabled() {
        return new Authorization(null, true, DenyAction.IGNORE, 0);
    }

    public boolean enabled() {
        return rules != null;
    }

    public DenyAction denyAction() {
        return denyAction;
    }

    public int cacheSize() {
        return cacheSize;
    }

    /** Changes each time the rules are replaced. */
    public int generation() {
        return generation.get();
    }

    public AclRules rules() {
        return rules;
    }

    /** Installs new rules; the next check uses them. */
    public void replaceRules(AclRules newRules) {
        rules = newRules;
        generation.incrementAndGet();
    }

    /** Checks one request, with the reason. Cheap enough for the event loop (no I/O, no locks). */
    public AclDecision check(ClientIdentity client, AclAction action, String topic, int qos, boolean retain) {
        if (client.superuser()) {
            return new AclDecision(true, null, "superuser");
        }
        if (client.clientAcl() != null) { // the client's own rules first (EMQX: authentication's ACL first)
            AclRule own = client.clientAcl().firstMatch(client, action, topic, qos, retain);
            if (own != null) {
                return new AclDecision(own.allow(), own, "rule at " + own.origin() + ": " + own.describe());
            }
        }
        AclRules current = rules;
        if (current == null) {
            return new AclDecision(true, null, "authorization is disabled");
        }
        AclRule rule = current.firstMatch(client, action, topic, qos, retain);
        if (rule == null) {
            return new AclDecision(noMatchAllow, null, "no rule in " + current.source() + " matched; no_match = "
                    + (noMatchAllow ? "allow" : "deny"));
        }
        return new AclDecision(rule.allow(), rule, "rule at " + rule.origin() + ": " + rule.describe());
    }
}
