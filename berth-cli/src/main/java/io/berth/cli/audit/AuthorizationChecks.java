package io.berth.cli.audit;

import io.berth.core.acl.AclParser;
import io.berth.core.acl.AclRule;
import io.berth.core.acl.AclRules;
import io.berth.core.acl.AclSyntaxException;
import io.berth.core.acl.DenyAction;
import io.berth.server.auth.AclFile;
import io.berth.server.config.AuthorizationConfig;
import io.berth.server.config.BrokerConfig;

import java.util.ArrayList;
import java.util.List;

/** The ACL: whether there is one, what happens when no rule matches, and whether it is still the shipped file. */
final class AuthorizationChecks {

    /** The rules of the {@code conf/acl.conf} Berth ships (its comments left out). */
    static final String SHIPPED_ACL = """
            {deny, all, subscribe, ["$SYS/#", {eq, "#"}]}.
            {allow, all, all, ["#"]}.
            """;

    List<Finding> run(BrokerConfig config) {
        List<Finding> out = new ArrayList<>();
        AuthorizationConfig authz = config.authorization();
        if (!authz.enabled()) {
            out.add(new Finding(Severity.HIGH, "acl_disabled", "authorization.acl_file",
                    "authorization is disabled (acl_file = \"disabled\"): every client may publish and subscribe "
                            + "anywhere, $SYS included",
                    "set authorization.acl_file to a rules file (start from conf/acl.conf) that ends with "
                            + "{deny, all}."));
        } else {
            out.addAll(aclFile(authz));
        }
        if (authz.noMatchAllow()) {
            out.add(new Finding(Severity.HIGH, "acl_no_match_allow", "authorization.no_match",
                    "no_match = \"allow\": a publish or subscribe that no ACL rule matches is allowed",
                    "set authorization.no_match = \"deny\" and allow what clients need with explicit rules"));
        }
        if (authz.denyAction() == DenyAction.IGNORE) {
            out.add(new Finding(Severity.LOW, "acl_deny_ignore", "authorization.deny_action",
                    "deny_action = \"ignore\": a client publishing where it may not stays connected and may keep "
                            + "trying",
                    "consider authorization.deny_action = \"disconnect\" to drop misbehaving clients"));
        }
        return out;
    }

    private static List<Finding> aclFile(AuthorizationConfig authz) {
        AclRules rules;
        try {
            rules = AclFile.load(authz.aclFile());
        } catch (AclSyntaxException e) {
            return List.of(new Finding(Severity.HIGH, "acl_unreadable", authz.aclFile().toString(),
                    "the ACL file cannot be used, so the broker will not start: " + e.getMessage(),
                    "fix the file (check it with `berth acl check`)"));
        }
        List<String> shipped = AclParser.parse(SHIPPED_ACL, "shipped").stream().map(AclRule::describe).toList();
        if (rules.rules().stream().map(AclRule::describe).toList().equals(shipped)) {
            return List.of(new Finding(Severity.INFO, "acl_default", authz.aclFile().toString(),
                    "the ACL is still the shipped conf/acl.conf: every client may publish and subscribe anywhere "
                            + "but $SYS/# and \"#\"",
                    "replace {allow, all, all, [\"#\"]} with per-user rules (e.g. users/${username}/#) and end the "
                            + "file with {deny, all}. (docs/security.md, \"Hardening a public deployment\")"));
        }
        return List.of();
    }
}
