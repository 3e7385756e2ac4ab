package io.berth.server.auth;

import io.berth.core.acl.AclAction;
import io.berth.core.acl.AclRule;
import io.berth.core.acl.AclRules;
import io.berth.core.acl.AclTopic;
import io.berth.core.acl.AclWho;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the ACL rules a JWT carries in a claim (EMQX's {@code acl} claim), for the client that presented it. Two
 * shapes, as EMQX reads them:
 * <ul>
 *   <li>a list of rules {@code [{"permission": "allow", "action": "publish", "topic": "t/${clientid}",
 *       "qos": [0, 1], "retain": false}, ...]}: the first match decides; no match leaves the request to the ACL
 *       file;</li>
 *   <li>the older object {@code {"pub": [...], "sub": [...], "all": [...]}} of allowed topics: anything else is
 *       denied.</li>
 * </ul>
 * A topic {@code "eq t/#"} is the literal filter; {@code ${username}} and {@code ${clientid}} are filled in.
 */
final class JwtAclClaim {

    private JwtAclClaim() {
    }

    /**
     * @param claim the claim's value as the JSON parser gives it (a list or a map)
     * @throws IllegalArgumentException naming what is wrong
     */
    static AclRules parse(String claimName, Object claim) {
        String origin = "JWT claim " + claimName;
        List<AclRule> rules = new ArrayList<>();
        if (claim instanceof List<?> list) {
            int i = 0;
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> rule)) {
                    throw new IllegalArgumentException(claimName + "[" + i + "] is not an object");
                }
                rules.add(rule(rule, origin + "[" + i + "]"));
                i++;
            }
        } else if (claim instanceof Map<?, ?> old) {
            for (Map.Entry<?, ?> e : old.entrySet()) {
                Set<AclAction> actions = switch (String.valueOf(e.getKey())) {
                    case "pub" -> EnumSet.of(AclAction.PUBLISH);
                    case "sub" -> EnumSet.of(AclAction.SUBSCRIBE);
                    case "all" -> EnumSet.allOf(AclAction.class);
                    default -> throw new IllegalArgumentException(claimName + "." + e.getKey()
                            + ": expected pub, sub or all");
                };
                rules.add(new AclRule(true, new AclWho.All(), actions, topics(e.getValue(), claimName + "."
                        + e.getKey()), Set.of(), null, origin + "." + e.getKey()));
            }
            rules.add(new AclRule(false, new AclWho.All(), EnumSet.allOf(AclAction.class), List.of(), Set.of(),
                    null, origin + " (topics not listed)"));
        } else {
            throw new IllegalArgumentException(claimName + " must be a list of rules or {pub, sub, all}");
        }
        return new AclRules(rules, origin);
    }

    private static AclRule rule(Map<?, ?> rule, String where) {
        boolean allow = switch (text(rule, "permission", where)) {
            case "allow" -> true;
            case "deny" -> false;
            default -> throw new IllegalArgumentException(where + ".permission must be allow or deny");
        };
        Set<AclAction> actions = switch (text(rule, "action", where)) {
            case "publish" -> EnumSet.of(AclAction.PUBLISH);
            case "subscribe" -> EnumSet.of(AclAction.SUBSCRIBE);
            case "all" -> EnumSet.allOf(AclAction.class);
            default -> throw new IllegalArgumentException(where + ".action must be publish, subscribe or all");
        };
        Set<Integer> qos = new HashSet<>();
        if (rule.get("qos") instanceof List<?> levels) {
            for (Object q : levels) {
                if (!(q instanceof Number n) || n.intValue() < 0 || n.intValue() > 2) {
                    throw new IllegalArgumentException(where + ".qos must list 0, 1 or 2");
                }
                qos.add(n.intValue());
            }
        } else if (rule.get("qos") != null) {
            throw new IllegalArgumentException(where + ".qos must be a list such as [0, 1]");
        }
        Object retain = rule.get("retain");
        if (retain != null && !(retain instanceof Boolean)) {
            throw new IllegalArgumentException(where + ".retain must be true or false");
        }
        return new AclRule(allow, new AclWho.All(), actions, List.of(topic(text(rule, "topic", where))), qos,
                (Boolean) retain, where);
    }

    private static List<AclTopic> topics(Object value, String where) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(where + " must be a list of topics");
        }
        List<AclTopic> out = new ArrayList<>();
        for (Object t : list) {
            if (!(t instanceof String s) || s.isEmpty()) {
                throw new IllegalArgumentException(where + " must list topics as text");
            }
            out.add(topic(s));
        }
        return out;
    }

    private static AclTopic topic(String text) {
        return text.startsWith("eq ") ? new AclTopic(text.substring(3), true) : new AclTopic(text, false);
    }

    private static String text(Map<?, ?> rule, String field, String where) {
        if (!(rule.get(field) instanceof String s) || s.isEmpty()) {
            throw new IllegalArgumentException(where + "." + field + " is missing or not text");
        }
        return s;
    }
}
