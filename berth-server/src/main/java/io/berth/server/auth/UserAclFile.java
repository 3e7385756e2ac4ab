package io.berth.server.auth;

import io.berth.core.acl.AclParser;
import io.berth.core.acl.AclRules;
import io.berth.core.acl.AclSyntaxException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Per-user ACL rules of the built-in store ({@code <node.data_dir>/users.acl}), written by {@code berth users acl}
 * and checked before the ACL file's rules. One rule a line, in the ACL file's syntax, always for one user name:
 * {@code {allow, {username, "alice"}, publish, ["sensors/alice/#"]}.} A missing file holds no rules.
 *
 * <p>Threading: blocking (disk); the CLI and the broker's file watcher use it, never an event loop.
 */
public final class UserAclFile {

    public static final String FILE = "users.acl";
    private static final Set<String> ACTIONS = Set.of("publish", "subscribe", "all");

    private final Path file;

    public UserAclFile(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * The rules, in file order.
     *
     * @throws AclSyntaxException naming the file and line when it was edited into something unreadable
     */
    public AclRules load() {
        if (!Files.exists(file)) {
            return new AclRules(List.of(), file.toString());
        }
        return AclFile.load(file);
    }

    /** Appends a rule for {@code username}; it is checked after the user's earlier rules. */
    public synchronized void add(String username, boolean allow, String action, String topic) {
        String line = line(username, allow, action, topic);
        List<String> lines = lines();
        lines.add(line);
        write(lines);
    }

    /** The user's rules as written, in order (numbered from 1 by {@code berth users acl list}). */
    public List<String> rulesOf(String username) {
        String who = who(username);
        return lines().stream().filter(l -> l.contains(who)).toList();
    }

    /** Deletes the user's rule number {@code n} (from 1); false if there is none. */
    public synchronized boolean delete(String username, int n) {
        List<String> lines = lines();
        String who = who(username);
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(who) && ++seen == n) {
                lines.remove(i);
                write(lines);
                return true;
            }
        }
        return false;
    }

    /** Deletes every rule of the user; returns how many. */
    public synchronized int deleteAll(String username) {
        List<String> lines = lines();
        String who = who(username);
        int before = lines.size();
        lines.removeIf(l -> l.contains(who));
        if (lines.size() != before) {
            write(lines);
        }
        return before - lines.size();
    }

    /** One rule in the ACL file's syntax, checked by the ACL parser. */
    static String line(String username, boolean allow, String action, String topic) {
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("action must be publish, subscribe or all, not " + action);
        }
        for (String s : new String[] {username, topic}) {
            if (s.isEmpty() || s.contains("\"") || s.contains("\\") || s.contains("\n")) {
                throw new IllegalArgumentException("user names and topics here may not be empty or hold \", \\ or "
                        + "a line break: " + s);
            }
        }
        boolean eq = topic.startsWith("eq ");
        String filter = eq ? "{eq, \"" + topic.substring(3) + "\"}" : "\"" + topic + "\"";
        String line = "{" + (allow ? "allow" : "deny") + ", " + who(username) + ", " + action + ", [" + filter + "]}.";
        AclParser.parse(line, "rule"); // throws AclSyntaxException for a topic the ACL file could not hold
        return line;
    }

    private static String who(String username) {
        return "{username, \"" + username + "\"}";
    }

    private List<String> lines() {
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        try {
            List<String> out = new ArrayList<>();
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!l.isBlank() && !l.startsWith("%")) {
                    out.add(l);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UserStoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a temporary file and renames it over the old one, owner-only. */
    private void write(List<String> lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            StringBuilder text = new StringBuilder("% per-user rules, written by `berth users acl`\n");
            lines.forEach(l -> text.append(l).append('\n'));
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserStoreException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
