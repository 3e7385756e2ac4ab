package io.berth.cli;

import io.berth.core.acl.AclAction;
import io.berth.core.acl.AclDecision;
import io.berth.core.acl.AclRules;
import io.berth.core.acl.AclSyntaxException;
import io.berth.core.acl.Authorization;
import io.berth.core.auth.ClientIdentity;
import io.berth.server.auth.AclFile;
import io.berth.server.config.AuthorizationConfig;
import io.berth.server.config.BrokerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** {@code berth acl}: checks the ACL file of the configuration and explains its decisions. */
@Command(name = "acl", description = "Check the ACL rules file and explain its decisions.")
final class AclCommand {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "HOCON config file. Default: conf/berth.conf in the working directory if it exists.")
    private Path config;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> env;
    private final Path defaultConfig;

    AclCommand(Map<String, String> env, Path defaultConfig) {
        this.env = env;
        this.defaultConfig = defaultConfig;
    }

    @Command(name = "check", description = "Read the ACL file and report the first syntax error, with its line.")
    int check() {
        PrintWriter out = spec.commandLine().getOut();
        return withRules((cfg, rules) -> {
            out.println(cfg.aclFile() + ": " + rules.rules().size() + " rules, no syntax errors");
            out.flush();
            return 0;
        });
    }

    @Command(name = "explain", description = "Print whether a client may publish or subscribe to a topic, and the "
            + "rule that decides.")
    int explain(@Option(names = "--username", paramLabel = "U", description = "User name (omit for anonymous).")
                String username,
                @Option(names = "--clientid", paramLabel = "C", required = true) String clientId,
                @Option(names = "--topic", paramLabel = "T", required = true,
                        description = "Topic name (publish) or filter (subscribe).") String topic,
                @Option(names = "--action", paramLabel = "publish|subscribe", required = true) String action,
                @Option(names = "--ipaddr", paramLabel = "ADDR", defaultValue = "127.0.0.1",
                        description = "The client's IP address (default: ${DEFAULT-VALUE}).") String ip,
                @Option(names = "--qos", defaultValue = "0") int qos,
                @Option(names = "--retain") boolean retain,
                @Option(names = "--superuser") boolean superuser) {
        PrintWriter out = spec.commandLine().getOut();
        AclAction act;
        try {
            act = AclAction.valueOf(action.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return fail("--action must be publish or subscribe, got " + action);
        }
        InetAddress address;
        try {
            if (!ip.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
                throw new UnknownHostException(ip);
            }
            address = InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            return fail("--ipaddr must be an IP address, got " + ip);
        }
        ClientIdentity client = new ClientIdentity(clientId, username, address, "tcp:default", superuser);
        return withRules((cfg, rules) -> {
            Authorization authz = new Authorization(rules, cfg.noMatchAllow(), cfg.denyAction(), 0);
            AclDecision d = authz.check(client, act, topic, qos, retain);
            out.println(d.allowed() ? "allow" : "deny");
            out.println("  " + d.reason());
            if (d.rule() == null && !superuser) {
                out.println("  (authorization.no_match in the config decides when no rule matches)");
            }
            out.flush();
            return 0;
        });
    }

    private interface RulesAction {
        int run(AuthorizationConfig config, AclRules rules);
    }

    private int withRules(RulesAction action) {
        BrokerConfig cfg = CliConfig.load(config, defaultConfig, env, spec.commandLine().getErr());
        if (cfg == null) {
            return 2;
        }
        if (!cfg.authorization().enabled()) {
            return fail("authorization.acl_file is \"disabled\": every client may publish and subscribe anywhere");
        }
        try {
            return action.run(cfg.authorization(), AclFile.load(cfg.authorization().aclFile()));
        } catch (AclSyntaxException e) {
            return fail(e.getMessage());
        }
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("berth: " + message);
        err.flush();
        return 1;
    }
}
