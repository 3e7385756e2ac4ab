package io.berth.core.acl;

import io.berth.core.auth.ClientIdentity;

import java.util.List;
import java.util.Set;

/**
 * One rule of the ACL file.
 *
 * @param allow   allow or deny
 * @param who     which clients it applies to
 * @param actions which actions it applies to
 * @param topics  which topics it applies to; empty means every topic (the two-element form {@code {allow, all}})
 * @param qos     the QoS levels it applies to; empty means any
 * @param retain  the retain flag it applies to (publish only), or null for either
 * @param origin  where it was written, {@code file:line}
 */
public record AclRule(boolean allow, AclWho who, Set<AclAction> actions, List<AclTopic> topics, Set<Integer> qos,
                      Boolean retain, String origin) {

    public AclRule {
        actions = Set.copyOf(actions);
        topics = List.copyOf(topics);
        qos = Set.copyOf(qos);
    }

    /** Whether this rule decides the request. */
    public boolean matches(ClientIdentity client, AclAction action, String topic, int requestedQos,
                           boolean requestedRetain) {
        if (!actions.contains(action) || !who.matches(client)) {
            return false;
        }
        if (!qos.isEmpty() && !qos.contains(requestedQos)) {
            return false;
        }
        if (retain != null && (action != AclAction.PUBLISH || retain != requestedRetain)) {
            return false;
        }
        if (topics.isEmpty()) {
            return true;
        }
        for (AclTopic t : topics) {
            if (t.matches(topic, action, client)) {
                return true;
            }
        }
        return false;
    }

    /** The rule written back in the file's syntax. */
    public String describe() {
        String action = actions.size() == 2 ? "all" : actions.iterator().next().name().toLowerCase();
        if (!qos.isEmpty() || retain != null) {
            StringBuilder conditions = new StringBuilder();
            if (!qos.isEmpty()) {
                conditions.append("{qos, ").append(qos.stream().sorted().toList()).append("}");
            }
            if (retain != null) {
                conditions.append(conditions.length() > 0 ? ", " : "").append("{retain, ").append(retain).append("}");
            }
            action = "{" + action + ", [" + conditions + "]}";
        }
        if (topics.isEmpty() && actions.size() == 2 && qos.isEmpty() && retain == null) {
            return "{" + (allow ? "allow" : "deny") + ", " + who + "}.";
        }
        return "{" + (allow ? "allow" : "deny") + ", " + who + ", " + action + ", " + topics + "}.";
    }
}
