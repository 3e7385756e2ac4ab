package io.berth.core.acl;

/**
 * The outcome of one check.
 *
 * @param allowed whether the action is allowed
 * @param rule    the rule that decided, or null when none matched ({@code no_match}) or a superuser or disabled
 *                authorization decided
 * @param reason  why, in words, for logs and {@code berth acl explain}
 */
public record AclDecision(boolean allowed, AclRule rule, String reason) {

    @Override
    public String toString() {
        return (allowed ? "allow" : "deny") + ": " + reason;
    }
}
