package io.berth.core.acl;

import io.berth.codec.TopicNames;
import io.berth.core.acl.AclTerms.Atom;
import io.berth.core.acl.AclTerms.Int;
import io.berth.core.acl.AclTerms.ListTerm;
import io.berth.core.acl.AclTerms.Str;
import io.berth.core.acl.AclTerms.Term;
import io.berth.core.acl.AclTerms.Tuple;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses an ACL file in EMQX's {@code acl.conf} syntax, one rule per term:
 * <pre>
 * {allow, {username, "dashboard"}, subscribe, ["$SYS/#"]}.
 * {allow, all, publish, ["clients/${clientid}/#"]}.
 * {deny, all, subscribe, ["$SYS/#", {eq, "#"}]}.
 * {allow, {ipaddr, "10.0.0.0/8"}, {publish, [{qos, [0, 1]}, {retain, false}]}, ["sensors/#"]}.
 * {allow, all}.
 * </pre>
 * Who: {@code all}, {@code {username, S}}, {@code {clientid, S}} (S a string or {@code {re, "regex"}}),
 * {@code {ipaddr, "cidr"}}, {@code {ipaddrs, [...]}}, {@code {'and', [...]}}, {@code {'or', [...]}}.
 * Action: {@code publish}, {@code subscribe}, {@code all}, optionally with {@code [{qos, N | [N...]}, {retain, B}]}.
 */
public final class AclParser {

    private final String source;

    private AclParser(String source) {
        this.source = source;
    }

    /**
     * @param text   the file's content
     * @param source the file name for messages and rule origins
     * @throws AclSyntaxException naming the file and line of the first error
     */
    public static List<AclRule> parse(String text, String source) {
        AclParser p = new AclParser(source);
        List<AclRule> rules = new ArrayList<>();
        for (Term t : AclTerms.read(text, source)) {
            rules.add(p.rule(t));
        }
        return rules;
    }

    private AclSyntaxException error(Term at, String message) {
        return new AclSyntaxException(source, at.line(), message);
    }

    private AclRule rule(Term t) {
        if (!(t instanceof Tuple tuple) || (tuple.items().size() != 2 && tuple.items().size() != 4)) {
            throw error(t, "a rule is {allow | deny, Who, Action, Topics} or {allow | deny, Who}");
        }
        List<Term> items = tuple.items();
        boolean allow = switch (atom(items.get(0), "allow or deny")) {
            case "allow" -> true;
            case "deny" -> false;
            default -> throw error(items.get(0), "expected allow or deny, found " + items.get(0));
        };
        AclWho who = who(items.get(1));
        String origin = source + ":" + t.line();
        if (items.size() == 2) {
            return new AclRule(allow, who, EnumSet.allOf(AclAction.class), List.of(), Set.of(), null, origin);
        }
        Set<AclAction> actions = EnumSet.noneOf(AclAction.class);
        Set<Integer> qos = new HashSet<>();
        Boolean[] retain = new Boolean[1];
        action(items.get(2), actions, qos, retain);
        List<AclTopic> topics = topics(items.get(3));
        if (retain[0] != null && !actions.contains(AclAction.PUBLISH)) {
            throw error(items.get(2), "the retain condition applies to publish only");
        }
        return new AclRule(allow, who, actions, topics, qos, retain[0], origin);
    }

    private String atom(Term t, String expected) {
        if (t instanceof Atom a) {
            return a.name();
        }
        throw error(t, "expected " + expected + ", found " + t);
    }

    private AclWho who(Term t) {
        if (t instanceof Atom a) {
            if (a.name().equals("all")) {
                return new AclWho.All();
            }
            throw error(t, "expected all or {username | clientid | ipaddr | ipaddrs | 'and' | 'or', ...}, found "
                    + a.name());
        }
        if (!(t instanceof Tuple tuple) || tuple.items().size() != 2) {
            throw error(t, "expected all or a {Kind, Value} pair for who");
        }
        Term value = tuple.items().get(1);
        String kind = atom(tuple.items().get(0), "username, clientid, ipaddr, ipaddrs, 'and' or 'or'");
        return switch (kind) {
            case "username", "user" -> text(value, true, (exact, re) -> new AclWho.Username(exact, re));
            case "clientid", "client" -> text(value, true, (exact, re) -> new AclWho.ClientId(exact, re));
            case "cert_common_name" -> text(value, true, (exact, re) -> new AclWho.CertCommonName(exact, re));
            case "ipaddr" -> new AclWho.IpAddr(List.of(cidr(value)));
            case "ipaddrs" -> new AclWho.IpAddr(list(value, "a list of addresses").stream().map(this::cidr).toList());
            case "and" -> new AclWho.And(list(value, "a list of who terms").stream().map(this::who).toList());
            case "or" -> new AclWho.Or(list(value, "a list of who terms").stream().map(this::who).toList());
            default -> throw error(t, "unknown who " + kind + "; expected username, clientid, "
                    + "cert_common_name, ipaddr, ipaddrs, 'and' or 'or'");
        };
    }

    private interface TextWho {
        AclWho make(String exact, Pattern regex);
    }

    private AclWho text(Term t, boolean allowRegex, TextWho make) {
        if (t instanceof Str s) {
            return make.make(s.value(), null);
        }
        if (allowRegex && t instanceof Tuple tuple && tuple.items().size() == 2
                && tuple.items().get(0) instanceof Atom a && a.name().equals("re")
                && tuple.items().get(1) instanceof Str re) {
            try {
                return make.make(null, Pattern.compile(re.value()));
            } catch (PatternSyntaxException e) {
                throw error(t, "bad regular expression \"" + re.value() + "\": " + e.getDescription());
            }
        }
        throw error(t, "expected a string or {re, \"regex\"}, found " + t);
    }

    private Cidr cidr(Term t) {
        if (!(t instanceof Str s)) {
            throw error(t, "expected an address string such as \"10.0.0.0/8\", found " + t);
        }
        try {
            return Cidr.parse(s.value());
        } catch (IllegalArgumentException e) {
            throw error(t, e.getMessage());
        }
    }

    private List<Term> list(Term t, String expected) {
        if (t instanceof ListTerm l && !l.items().isEmpty()) {
            return l.items();
        }
        throw error(t, "expected " + expected + " in [ ]");
    }

    private void action(Term t, Set<AclAction> actions, Set<Integer> qos, Boolean[] retain) {
        Term name = t;
        if (t instanceof Tuple tuple) {
            if (tuple.items().size() != 2) {
                throw error(t, "expected {Action, [Conditions]}");
            }
            name = tuple.items().get(0);
            Term conditions = tuple.items().get(1);
            if (!(conditions instanceof ListTerm list)) {
                throw error(conditions, "expected a list of conditions such as [{qos, 1}, {retain, true}]");
            }
            for (Term c : list.items()) {
                condition(c, qos, retain);
            }
        }
        switch (atom(name, "publish, subscribe or all")) {
            case "publish" -> actions.add(AclAction.PUBLISH);
            case "subscribe" -> actions.add(AclAction.SUBSCRIBE);
            case "all", "pubsub" -> actions.addAll(EnumSet.allOf(AclAction.class));
            default -> throw error(name, "expected publish, subscribe or all, found " + name);
        }
    }

    private void condition(Term c, Set<Integer> qos, Boolean[] retain) {
        if (!(c instanceof Tuple tuple) || tuple.items().size() != 2) {
            throw error(c, "expected {qos, N}, {qos, [N, ...]} or {retain, true | false}");
        }
        Term value = tuple.items().get(1);
        switch (atom(tuple.items().get(0), "qos or retain")) {
            case "qos" -> {
                List<Term> levels = value instanceof ListTerm l ? l.items() : List.of(value);
                for (Term level : levels) {
                    if (!(level instanceof Int i) || i.value() > 2) {
                        throw error(level, "QoS must be 0, 1 or 2, found " + level);
                    }
                    qos.add(i.value());
                }
            }
            case "retain" -> {
                String b = atom(value, "true or false");
                if (!b.equals("true") && !b.equals("false")) {
                    throw error(value, "retain must be true or false, found " + b);
                }
                retain[0] = Boolean.parseBoolean(b);
            }
            default -> throw error(c, "unknown condition; expected qos or retain");
        }
    }

    private List<AclTopic> topics(Term t) {
        List<Term> items = t instanceof ListTerm l ? l.items() : List.of(t);
        if (items.isEmpty()) {
            throw error(t, "empty topic list");
        }
        List<AclTopic> topics = new ArrayList<>();
        for (Term item : items) {
            if (item instanceof Str s) {
                String probe = s.value().replace("${username}", "u").replace("${clientid}", "c")
                        .replace("${cert_common_name}", "n");
                if (!TopicNames.isValidTopicFilter(probe)) {
                    throw error(item, "invalid topic filter \"" + s.value() + "\"");
                }
                topics.add(new AclTopic(s.value(), false));
            } else if (item instanceof Tuple eq && eq.items().size() == 2 && eq.items().get(0) instanceof Atom a
                    && a.name().equals("eq") && eq.items().get(1) instanceof Str s) {
                topics.add(new AclTopic(s.value(), true));
            } else {
                throw error(item, "expected a topic string or {eq, \"topic\"}, found " + item);
            }
        }
        return topics;
    }
}
