package io.berth.core.acl;

import io.berth.core.auth.ClientIdentity;

import java.util.List;

/** An immutable, ordered rule list; the first matching rule decides. */
public record AclRules(List<AclRule> rules, String source) {

    public AclRules {
        rules = List.copyOf(rules);
    }

    /** The first rule that matches, or null. */
    public AclRule firstMatch(ClientIdentity client, AclAction action, String topic, int qos, boolean retain) {
        for (AclRule r : rules) {
            if (r.matches(client, action, topic, qos, retain)) {
                return r;
            }
        }
        return null;
    }
}
