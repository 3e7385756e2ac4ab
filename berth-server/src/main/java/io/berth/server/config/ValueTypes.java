package io.berth.server.config;

import com.typesafe.config.ConfigValue;
import io.berth.core.auth.AnonymousAccess;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The value types used by {@link ConfigKeys}. Each one checks its own rule and says what it accepts. */
final class ValueTypes {

    static final String INFINITY = "infinity";
    static final String DISABLED = "disabled";

    private ValueTypes() {
    }

    static ValueType<Integer> integer(int min, int max) {
        String rule = min + ".." + max;
        return new ValueType<>("integer", rule, v -> (int) inRange(Scalars.integer(v, "an integer"), min, max, v));
    }

    /** A count where {@code infinity} (or 0) means no limit; the Java value is then 0. */
    static ValueType<Integer> limit() {
        return new ValueType<>("integer | \"infinity\"", "0.." + Integer.MAX_VALUE + "; 0 or \"infinity\" = no limit",
                v -> Scalars.isWord(v, INFINITY) ? 0
                        : (int) inRange(Scalars.integer(v, "an integer or \"infinity\""), 0, Integer.MAX_VALUE, v));
    }

    /** A cap where {@code infinity} means {@link Integer#MAX_VALUE}. */
    static ValueType<Integer> cap() {
        return new ValueType<>("integer | \"infinity\"", "1.." + Integer.MAX_VALUE + " or \"infinity\"",
                v -> Scalars.isWord(v, INFINITY) ? Integer.MAX_VALUE
                        : (int) inRange(Scalars.integer(v, "an integer or \"infinity\""), 1, Integer.MAX_VALUE, v));
    }

    /** A positive integer, or {@code disabled} for null. */
    static ValueType<Integer> integerOrDisabled(int min, int max) {
        return new ValueType<>("integer | \"disabled\"", min + ".." + max + " or \"disabled\"",
                v -> Scalars.isWord(v, DISABLED) ? null
                        : (int) inRange(Scalars.integer(v, "an integer or \"disabled\""), min, max, v));
    }

    /** A decimal number strictly greater than {@code minExclusive} and at most {@code max}. */
    static ValueType<Double> decimalAbove(double minExclusive, double max) {
        return new ValueType<>("number", "> " + minExclusive + " and <= " + max, v -> {
            BigDecimal n = Scalars.number(v, "a number");
            double d = n.doubleValue();
            if (!(d > minExclusive && d <= max)) {
                throw new InvalidValueException("must be greater than " + minExclusive + " and at most " + max
                        + ", got " + Scalars.show(v));
            }
            return d;
        });
    }

    static ValueType<Boolean> bool() {
        return new ValueType<>("boolean", "", Scalars::bool);
    }

    /** A string matching {@code pattern}, described to the user as {@code what}. */
    static ValueType<String> string(Pattern pattern, String what) {
        return new ValueType<>("string", what, v -> {
            String s = Scalars.text(v, "a string");
            if (!pattern.matcher(s).matches()) {
                throw new InvalidValueException("must be " + what + ", got " + Scalars.show(v));
            }
            return s;
        });
    }

    /** A non-empty path, resolved against the working directory. */
    static ValueType<Path> directory() {
        return new ValueType<>("path", "non-empty; relative to the working directory", v -> {
            String s = Scalars.text(v, "a path");
            if (s.isBlank()) {
                throw new InvalidValueException("must not be empty");
            }
            try {
                return Path.of(s).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new InvalidValueException("is not a valid path: " + e.getMessage());
            }
        });
    }

    /** One of the given lower-case words. */
    static ValueType<String> oneOf(List<String> words) {
        String all = String.join(" | ", words);
        return new ValueType<>("enum", all, v -> {
            String s = Scalars.text(v, "one of " + all).trim();
            if (!words.contains(s)) {
                String near = DidYouMean.closest(s.toLowerCase(Locale.ROOT), words);
                throw new InvalidValueException("must be one of " + all + ", got " + Scalars.show(v)
                        + (near == null ? "" : "; did you mean " + near + "?"));
            }
            return s;
        });
    }

    /** A byte size between {@code min} and {@code max} bytes. */
    static ValueType<Integer> byteSize(int min, int max) {
        String rule = min + ".." + max + " bytes";
        return new ValueType<>("size", rule, v -> {
            String text = Scalars.text(v, "a size such as \"1MB\"");
            long bytes = ByteSizes.parse(text);
            if (bytes < 0) {
                throw new InvalidValueException("must be a size such as \"1MB\", \"64KB\" or a number of bytes, got "
                        + Scalars.show(v));
            }
            if (bytes < min || bytes > max) {
                throw new InvalidValueException("must be between " + min + " and " + max + " bytes, got "
                        + Scalars.show(v));
            }
            return (int) bytes;
        });
    }

    /** A byte size of any magnitude ({@code "50GB"}); 0 turns the limit off. */
    static ValueType<Long> diskSize() {
        return new ValueType<>("size", "0 (off) or a size such as \"10GB\"", v -> {
            long bytes = ByteSizes.parse(Scalars.text(v, "a size such as \"10GB\""));
            if (bytes < 0) {
                throw new InvalidValueException("must be a size such as \"10GB\", \"512MB\" or 0 (off), got "
                        + Scalars.show(v));
            }
            return bytes;
        });
    }

    /** A duration between {@code min} and {@code max}. */
    static ValueType<Duration> duration(Duration min, Duration max) {
        return new ValueType<>("duration", Durations.format(min) + ".." + Durations.format(max),
                v -> durationInRange(v, min, max, "a duration such as \"10s\""));
    }

    /** A duration, or {@code infinity} for {@code max}. */
    static ValueType<Duration> durationOrInfinity(Duration min, Duration max) {
        return new ValueType<>("duration | \"infinity\"",
                Durations.format(min) + ".." + Durations.format(max) + "; \"infinity\" = " + Durations.format(max),
                v -> Scalars.isWord(v, INFINITY) ? max
                        : durationInRange(v, min, max, "a duration such as \"2h\" or \"infinity\""));
    }

    /** A duration, or {@code disabled} for null. */
    static ValueType<Duration> durationOrDisabled(Duration min, Duration max) {
        return new ValueType<>("duration | \"disabled\"",
                Durations.format(min) + ".." + Durations.format(max) + " or \"disabled\"",
                v -> Scalars.isWord(v, DISABLED) ? null
                        : durationInRange(v, min, max, "a duration such as \"1m\" or \"disabled\""));
    }

    /** A path, or {@code disabled} for null. */
    static ValueType<Path> pathOrDisabled() {
        ValueType<Path> path = directory();
        return new ValueType<>("path | \"disabled\"", "relative to the working directory, or \"disabled\"",
                v -> Scalars.isWord(v, DISABLED) ? null : path.parse(v));
    }

    /** {@code true}, {@code false} or {@code "loopback"}. */
    static ValueType<AnonymousAccess> anonymousAccess() {
        return new ValueType<>("boolean | \"loopback\"", "true, false or \"loopback\"", v -> {
            if (Scalars.isWord(v, "loopback")) {
                return AnonymousAccess.LOOPBACK;
            }
            try {
                return Scalars.bool(v) ? AnonymousAccess.ALLOW : AnonymousAccess.DENY;
            } catch (InvalidValueException e) {
                throw new InvalidValueException("must be true, false or \"loopback\", got " + Scalars.show(v));
            }
        });
    }

    static ValueType<BindAddress> bind() {
        return new ValueType<>("bind address", "\"host:port\", \"[ipv6]:port\" or a port; port 0..65535",
                v -> BindAddress.parse(Scalars.text(v, "\"host:port\" or a port number")));
    }

    /** A path, or null when empty; resolved against the working directory. Existence is checked by the reader. */
    static ValueType<Path> optionalPath() {
        return new ValueType<>("path", "a file; empty = not set", v -> {
            String s = Scalars.text(v, "a path or \"\"").trim();
            if (s.isEmpty()) {
                return null;
            }
            try {
                return Path.of(s).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new InvalidValueException("is not a valid path: " + e.getMessage());
            }
        });
    }

    /** Any text, or null when empty. */
    static ValueType<String> optionalText() {
        return new ValueType<>("string", "any; empty = not set", v -> {
            String s = Scalars.text(v, "a string");
            return s.isEmpty() ? null : s;
        });
    }

    /** An HTTP path starting with {@code /}. */
    static ValueType<String> urlPath() {
        return string(Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@/%-]*"), "an HTTP path starting with /");
    }

    /** A non-empty list of strings. */
    static ValueType<List<String>> nonEmptyList() {
        return new ValueType<>("list of strings", "non-empty", v -> {
            List<String> list = Scalars.list(v, "a list of strings such as [\"a\", \"b\"]");
            if (list.isEmpty()) {
                throw new InvalidValueException("must not be empty");
            }
            return list;
        });
    }

    /** TLS versions: {@code tlsv1.3} and {@code tlsv1.2} only; older ones are named and refused. */
    static ValueType<List<String>> tlsVersions() {
        List<String> known = List.of("tlsv1.3", "tlsv1.2");
        return new ValueType<>("list of strings", "non-empty, from \"tlsv1.3\", \"tlsv1.2\"", v -> {
            List<String> list = Scalars.list(v, "a list such as [\"tlsv1.3\", \"tlsv1.2\"]");
            if (list.isEmpty()) {
                throw new InvalidValueException("must not be empty; e.g. [\"tlsv1.3\", \"tlsv1.2\"]");
            }
            for (String s : list) {
                String version = s.trim().toLowerCase(Locale.ROOT);
                if (version.equals("tlsv1.1") || version.equals("tlsv1") || version.equals("tlsv1.0")
                        || version.startsWith("ssl")) {
                    throw new InvalidValueException("\"" + s + "\" is not supported: it is broken and refused by "
                            + "current clients; use \"tlsv1.3\" and \"tlsv1.2\"");
                }
                if (!known.contains(version)) {
                    throw new InvalidValueException("unknown TLS version \"" + s + "\"; use \"tlsv1.3\" and/or "
                            + "\"tlsv1.2\"");
                }
            }
            return list.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        });
    }

    private static final Pattern RATE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(b|kb|mb|gb)?\\s*(?:/\\s*(s|m|h))?\\s*",
            Pattern.CASE_INSENSITIVE);

    /**
     * A rate ({@code "100/s"}, {@code "6000/m"}, a bare number meaning per second; with {@code bytes}, sizes such as
     * {@code "1MB/s"}), or {@code "infinity"} for no limit (null).
     */
    static ValueType<Rate> rate(boolean bytes) {
        String what = bytes ? "a rate such as \"1MB/s\" or \"64KB/s\", or \"infinity\""
                : "a rate such as \"100/s\" or \"6000/m\", or \"infinity\"";
        return new ValueType<>("rate | \"infinity\"", what, v -> {
            if (Scalars.isWord(v, INFINITY)) {
                return null;
            }
            String text = Scalars.text(v, what).trim();
            java.util.regex.Matcher m = RATE.matcher(text);
            if (!m.matches() || (!bytes && m.group(2) != null)) {
                throw new InvalidValueException("must be " + what + ", got " + Scalars.show(v));
            }
            double n = Double.parseDouble(m.group(1));
            if (m.group(2) != null) {
                n *= switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "kb" -> 1024;
                    case "mb" -> 1024 * 1024;
                    case "gb" -> 1024.0 * 1024 * 1024;
                    default -> 1;
                };
            }
            String unit = m.group(3) == null ? "s" : m.group(3).toLowerCase(Locale.ROOT);
            double perSecond = n / switch (unit) {
                case "m" -> 60;
                case "h" -> 3600;
                default -> 1;
            };
            if (!(perSecond > 0)) {
                throw new InvalidValueException("must be more than 0 (or \"infinity\"), got " + Scalars.show(v));
            }
            return new Rate(perSecond, text);
        });
    }

    /**
     * SNI certificates: a list of {@code { server_name = "a.example.com", certfile = "...", keyfile = "..." }}
     * objects, with an optional {@code password}. File existence is checked by the reader.
     */
    static ValueType<List<SniCertificate>> sniCerts() {
        String shape = "a list of { server_name = \"a.example.com\", certfile = \"...\", keyfile = \"...\" }";
        return new ValueType<>("list of objects", "server_name (DNS name or \"*.\" wildcard, unique), certfile, "
                + "keyfile, optional password", v -> {
            if (!(v instanceof com.typesafe.config.ConfigList list)) {
                throw new InvalidValueException("must be " + shape + ", got " + Scalars.show(v));
            }
            List<SniCertificate> out = new java.util.ArrayList<>();
            java.util.Set<String> names = new java.util.HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                ConfigValue item = list.get(i);
                String where = "entry " + (i + 1) + (item.origin().lineNumber() > 0
                        ? " (line " + item.origin().lineNumber() + ")" : "") + ": ";
                if (!(item instanceof com.typesafe.config.ConfigObject entry)) {
                    throw new InvalidValueException(where + "must be an object { server_name = ..., certfile = ..., "
                            + "keyfile = ... }, got " + Scalars.show(item));
                }
                for (String field : entry.keySet()) {
                    if (!List.of("server_name", "certfile", "keyfile", "password").contains(field)) {
                        throw new InvalidValueException(where + "unknown field \"" + field + "\"; an entry has "
                                + "server_name, certfile, keyfile and an optional password");
                    }
                }
                String name = field(entry, "server_name", where);
                Path cert = sniPath(entry, "certfile", where);
                Path key = sniPath(entry, "keyfile", where);
                String password = entry.containsKey("password")
                        ? Scalars.text(entry.get("password"), "a string") : "";
                String problem = SniCertificate.problem(name);
                if (problem != null) {
                    throw new InvalidValueException(where + problem);
                }
                SniCertificate sni = new SniCertificate(name, cert, key, password.isEmpty() ? null : password);
                if (!names.add(sni.serverName())) {
                    throw new InvalidValueException(where + "server_name \"" + sni.serverName()
                            + "\" is already listed; each name gets one certificate");
                }
                out.add(sni);
            }
            return List.copyOf(out);
        });
    }

    private static String field(com.typesafe.config.ConfigObject entry, String field, String where) {
        ConfigValue value = entry.get(field);
        if (value == null) {
            throw new InvalidValueException(where + field + " is required");
        }
        try {
            return Scalars.text(value, "a string").trim();
        } catch (InvalidValueException e) {
            throw new InvalidValueException(where + field + " " + e.getMessage());
        }
    }

    private static Path sniPath(com.typesafe.config.ConfigObject entry, String field, String where) {
        String text = field(entry, field, where);
        if (text.isEmpty()) {
            throw new InvalidValueException(where + field + " must not be empty");
        }
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidValueException(where + field + " is not a valid path: " + e.getMessage());
        }
    }

    /** A listener's access rules, e.g. {@code ["allow 10.0.0.0/8", "deny all"]}. */
    static ValueType<io.berth.server.protection.AccessRules> accessRules() {
        return new ValueType<>("list of strings", "\"allow|deny <address>|<cidr>|all\", first match decides", v -> {
            List<String> list = Scalars.list(v, "a list such as [\"allow 10.0.0.0/8\", \"deny all\"]");
            try {
                return io.berth.server.protection.AccessRules.parse(list);
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException(e.getMessage());
            }
        });
    }

    private static Duration durationInRange(ConfigValue v, Duration min, Duration max, String expected) {
        String text = Scalars.text(v, expected);
        Duration d = Durations.parse(text);
        if (d == null) {
            throw new InvalidValueException("must be " + expected + " (units ms, s, m, h, d), got " + Scalars.show(v));
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new InvalidValueException("must be between " + Durations.format(min) + " and "
                    + Durations.format(max) + ", got " + Scalars.show(v));
        }
        return d;
    }

    private static long inRange(long n, long min, long max, ConfigValue v) {
        if (n < min || n > max) {
            throw new InvalidValueException("must be between " + min + " and " + max + ", got " + Scalars.show(v));
        }
        return n;
    }
}
