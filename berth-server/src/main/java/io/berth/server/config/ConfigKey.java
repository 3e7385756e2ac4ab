package io.berth.server.config;

import java.util.Locale;
import java.util.Objects;

/**
 * The one definition of a configuration key: its path, type and rule, default, an example and its documentation.
 * The loader, the environment-variable mapping and {@code docs/configuration.md} are all derived from these.
 *
 * @param path         dotted HOCON path; a {@value #NAME} segment stands for a name chosen by the user
 *                     (e.g. {@code listeners.tcp.<name>.bind})
 * @param type         how the value is parsed and validated
 * @param defaultValue the default written as HOCON (e.g. {@code "1MB"}, {@code 32}), or null when the key is required
 * @param example      an example value written as HOCON, valid for {@code type}
 * @param doc          one or two sentences for the documentation
 * @param <T>          the Java type of the value
 */
public record ConfigKey<T>(String path, ValueType<T> type, String defaultValue, String example, String doc) {

    /** The placeholder segment for user-chosen names. */
    public static final String NAME = "<name>";

    /** Prefix of environment variables that override keys. */
    public static final String ENV_PREFIX = "BERTH_";

    public ConfigKey {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(doc, "doc");
    }

    /** Whether the path holds a {@value #NAME} segment. */
    public boolean isPattern() {
        return path.contains(NAME);
    }

    /** The concrete path with {@value #NAME} replaced by {@code name}. */
    public String path(String name) {
        return path.replace(NAME, name);
    }

    /** The first segment, e.g. {@code mqtt}. */
    public String section() {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /** The environment variable for a concrete path: {@code BERTH_} + upper case + {@code __} for each dot. */
    public static String envVar(String concretePath) {
        return ENV_PREFIX + concretePath.toUpperCase(Locale.ROOT).replace(".", "__");
    }

    /** The environment variable for this key; a pattern key shows {@code <NAME>}. */
    public String envVar() {
        return envVar(path);
    }
}
