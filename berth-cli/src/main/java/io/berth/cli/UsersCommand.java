package io.berth.cli;

import io.berth.core.auth.PasswordHashes;
import io.berth.core.auth.scram.ScramCredential;
import io.berth.server.auth.ScramCredentialFile;
import io.berth.core.auth.UserRecord;
import io.berth.server.auth.FileUserStore;
import io.berth.server.auth.MosquittoPasswordFile;
import io.berth.server.auth.UserAclFile;
import io.berth.server.auth.UserStoreException;
import io.berth.server.config.AuthenticationConfig;
import io.berth.server.config.BrokerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * {@code berth users}: manages the built-in user store ({@code <node.data_dir>/users.passwd}) of the configuration
 * {@code berth start} would use. A running broker sees the changes at the next CONNECT.
 */
@Command(name = "users", description = {"Manage the built-in user store (<node.data_dir>/users.passwd).",
        "A running broker picks up changes at the next CONNECT."})
final class UsersCommand {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "HOCON config file. Default: conf/berth.conf in the working directory if it exists.")
    private Path config;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> env;
    private final Path defaultConfig;

    UsersCommand(Map<String, String> env, Path defaultConfig) {
        this.env = env;
        this.defaultConfig = defaultConfig;
    }

    /** Password options shared by add and passwd. */
    static final class PasswordSource {
        @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
                description = "The password (visible to other local users in the process list: prefer "
                        + "--password-stdin or the prompt).")
        String password;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean stdin;
    }

    @Command(name = "add", description = "Add a user.")
    int add(@Parameters(paramLabel = "USERNAME") String username,
            @Option(names = "--superuser", description = "The user bypasses ACL rules.") boolean superuser,
            @picocli.CommandLine.ArgGroup(exclusive = true) PasswordSource source) {
        return withStore((store, cfg) -> {
            if (store.find(username).isPresent()) {
                return fail("user " + username + " exists; change the password with `berth users passwd`");
            }
            String problem = UserRecord.usernameProblem(username);
            if (problem != null) {
                return fail(problem);
            }
            byte[] password = password(source, true);
            if (password == null) {
                return 2;
            }
            List<ScramCredential> scram = ScramCredentialFile.derive(password, cfg.scramIterations());
            store.put(new UserRecord(username, hash(cfg, password), superuser));
            scram(store).put(username, scram);
            out().println("added user " + username + (superuser ? " (superuser)" : "") + " to " + store.file());
            return 0;
        });
    }

    @Command(name = "passwd", description = "Change a user's password.")
    int passwd(@Parameters(paramLabel = "USERNAME") String username,
               @picocli.CommandLine.ArgGroup(exclusive = true) PasswordSource source) {
        return withStore((store, cfg) -> {
            Optional<UserRecord> user = store.find(username);
            if (user.isEmpty()) {
                return fail("no user " + username);
            }
            byte[] password = password(source, true);
            if (password == null) {
                return 2;
            }
            List<ScramCredential> scram = ScramCredentialFile.derive(password, cfg.scramIterations());
            store.put(user.get().withPasswordHash(hash(cfg, password)));
            scram(store).put(username, scram);
            out().println("changed the password of " + username);
            return 0;
        });
    }

    @Command(name = "delete", description = "Delete a user.")
    int delete(@Parameters(paramLabel = "USERNAME") String username) {
        return withStore((store, cfg) -> {
            if (!store.delete(username)) {
                return fail("no user " + username);
            }
            scram(store).delete(username);
            out().println("deleted user " + username);
            return 0;
        });
    }

    @Command(name = "list", description = "List the users, with their hash algorithm.")
    int list() {
        return withStore((store, cfg) -> {
            for (UserRecord u : store.list()) {
                out().println(u.username() + "\t" + algorithm(u.passwordHash()) + (u.superuser() ? "\tsuperuser" : ""));
            }
            return 0;
        });
    }

    @Command(name = "acl", description = {"Per-user ACL rules, checked before the ACL file's rules:",
            "  acl add USER allow|deny publish|subscribe|all TOPIC   (TOPIC may be \"eq FILTER\")",
            "  acl list USER",
            "  acl delete USER N|all",
            "A running broker applies changes at the next check."})
    int acl(@Parameters(index = "0", paramLabel = "add|list|delete") String verb,
            @Parameters(index = "1", paramLabel = "USER") String username,
            @Parameters(index = "2..*", paramLabel = "ARGS", arity = "0..*") List<String> args) {
        return withStore((store, cfg) -> {
            UserAclFile rules = new UserAclFile(store.file().resolveSibling(UserAclFile.FILE));
            List<String> rest = args == null ? List.of() : args;
            switch (verb) {
                case "add" -> {
                    if (rest.size() != 3 || !(rest.get(0).equals("allow") || rest.get(0).equals("deny"))) {
                        return fail("usage: berth users acl add USER allow|deny publish|subscribe|all TOPIC");
                    }
                    rules.add(username, rest.get(0).equals("allow"), rest.get(1), rest.get(2));
                    out().println("added to " + rules.file() + ": " + rules.rulesOf(username)
                            .get(rules.rulesOf(username).size() - 1));
                    return 0;
                }
                case "list" -> {
                    List<String> own = rules.rulesOf(username);
                    for (int i = 0; i < own.size(); i++) {
                        out().println((i + 1) + "\t" + own.get(i));
                    }
                    return 0;
                }
                case "delete" -> {
                    if (rest.size() != 1) {
                        return fail("usage: berth users acl delete USER N|all");
                    }
                    if (rest.get(0).equals("all")) {
                        out().println("deleted " + rules.deleteAll(username) + " rules of " + username);
                        return 0;
                    }
                    int n;
                    try {
                        n = Integer.parseInt(rest.get(0));
                    } catch (NumberFormatException e) {
                        return fail("rule number expected (see berth users acl list " + username + "), not "
                                + rest.get(0));
                    }
                    return rules.delete(username, n) ? 0 : fail("user " + username + " has no rule " + n);
                }
                default -> {
                    return fail("unknown acl command " + verb + "; use add, list or delete");
                }
            }
        });
    }

    @Command(name = "import-mosquitto", description = {"Import a Mosquitto password file (mosquitto_passwd).",
            "Users already in the store get the imported password and keep their superuser flag."})
    int importMosquitto(@Parameters(paramLabel = "FILE") Path file) {
        return withStore((store, cfg) -> {
            MosquittoPasswordFile.Contents contents = MosquittoPasswordFile.read(file);
            store.putAll(contents.users().stream()
                    .map(u -> store.find(u.username()).map(old -> old.withPasswordHash(u.passwordHash())).orElse(u))
                    .toList());
            out().println("imported " + contents.users().size() + " users from " + file + " into " + store.file());
            if (contents.weak() > 0) {
                err().println("berth: warning: " + contents.weak() + " users have the weak $6$ (single SHA-512) hash; "
                        + "set new passwords with `berth users passwd`");
            }
            return 0;
        });
    }

    private interface StoreAction {
        int run(FileUserStore store, AuthenticationConfig config);
    }

    private int withStore(StoreAction action) {
        BrokerConfig cfg = CliConfig.load(config, defaultConfig, env, err());
        if (cfg == null) {
            return 2;
        }
        FileUserStore store = new FileUserStore(cfg.node().dataDir().resolve(AuthenticationConfig.USERS_FILE));
        try {
            int status = action.run(store, cfg.authentication());
            out().flush();
            err().flush();
            return status;
        } catch (UserStoreException | IllegalArgumentException | io.berth.core.acl.AclSyntaxException e) {
            return fail(e.getMessage());
        }
    }

    /** The SCRAM credentials beside the users file (MQTT 5 enhanced authentication). */
    private static ScramCredentialFile scram(FileUserStore store) {
        return new ScramCredentialFile(store.file().resolveSibling(ScramCredentialFile.FILE));
    }

    private static String hash(AuthenticationConfig cfg, byte[] password) {
        try {
            return PasswordHashes.hash(cfg.passwordHashAlgorithm(), password, cfg.hashWork());
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    private static String algorithm(String hash) {
        if (hash.startsWith("$7$")) {
            return "pbkdf2-sha512";
        }
        return hash.startsWith("$6$") ? "sha512 (weak)" : "bcrypt";
    }

    /** The password from the option, stdin or a prompt; null after printing why there is none. */
    private byte[] password(PasswordSource source, boolean confirm) {
        String text;
        if (source != null && source.password != null) {
            text = source.password;
        } else if (source != null && source.stdin) {
            try {
                text = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                text = null;
            }
        } else {
            text = prompt(confirm);
        }
        if (text == null || text.isEmpty()) {
            fail("no password given (use --password, --password-stdin or run in a terminal)");
            return null;
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String prompt(boolean confirm) {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        char[] first = console.readPassword("Password: ");
        if (first == null) {
            return null;
        }
        if (confirm) {
            char[] again = console.readPassword("Again: ");
            if (again == null || !Arrays.equals(first, again)) {
                err().println("berth: the passwords differ");
                return null;
            }
        }
        return new String(first);
    }

    private int fail(String message) {
        err().println("berth: " + message);
        err().flush();
        return 1;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
