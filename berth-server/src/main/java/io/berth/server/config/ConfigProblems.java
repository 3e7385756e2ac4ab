package io.berth.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the problems of one load, each located at the layer that supplied the value: environment overrides
 * first, then the file, then {@code reference.conf}.
 */
final class ConfigProblems {

    static final String ENV_ORIGIN = "environment variable ";

    private final List<Problem> problems = new ArrayList<>();
    private List<Config> layers = List.of();

    /** Sets the layers, highest priority first, used to find where a path's value came from. */
    void locateIn(List<Config> prioritisedLayers) {
        this.layers = List.copyOf(prioritisedLayers);
    }

    /** A problem with the value at {@code path}, located where that value was set. */
    void add(String path, String problem) {
        add(path, path, problem);
    }

    /** A problem with key {@code key}, located where {@code locatePath} was set (e.g. the enclosing block). */
    void add(String locatePath, String key, String problem) {
        add(origin(locatePath), key, problem);
    }

    void add(ConfigOrigin origin, String key, String problem) {
        String where = origin == null ? null : where(origin);
        String text = (where == null ? "" : where + ": ") + key + ": " + problem;
        String source = origin == null ? "" : where.replaceFirst(":\\d+$", "");
        problems.add(new Problem(source, origin == null ? -1 : origin.lineNumber(), text));
    }

    /** A problem already formatted, e.g. a syntax error; it is listed before located ones. */
    void addFormatted(String line) {
        problems.add(new Problem("", -1, line));
    }

    int size() {
        return problems.size();
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw exception();
        }
    }

    /** The exception listing the problems so far; there must be at least one. */
    ConfigException exception() {
        return new ConfigException(problems.stream()
                .sorted(Comparator.comparing(Problem::source).thenComparingInt(Problem::line))
                .map(Problem::text)
                .toList());
    }

    /** Where the value at {@code path} was set, or null when no layer has it. */
    ConfigOrigin origin(String path) {
        for (Config layer : layers) {
            try {
                ConfigValue value = find(layer.root(), path);
                if (value != null) {
                    return value.origin();
                }
            } catch (com.typesafe.config.ConfigException unresolved) {
                // a layer with an unresolved substitution on the way: try the next one
            }
        }
        return null;
    }

    /** {@code file:line}, {@code reference.conf:line} or {@code environment variable NAME}. */
    static String where(ConfigOrigin origin) {
        String line = origin.lineNumber() >= 0 ? ":" + origin.lineNumber() : "";
        if (origin.filename() != null) {
            return origin.filename() + line;
        }
        if (origin.resource() != null) {
            return origin.resource() + line;
        }
        if (origin.url() != null) {
            return origin.url() + line;
        }
        String description = origin.description();
        if (description.startsWith(ENV_ORIGIN)) {
            return description.replaceFirst(": \\d+$", "");
        }
        return description;
    }

    /** The value at a dotted path of simple keys, or null when it or an enclosing object is missing. */
    static ConfigValue find(ConfigObject root, String path) {
        ConfigValue current = root;
        for (String segment : path.split("\\.")) {
            if (current == null || current.valueType() != ConfigValueType.OBJECT) {
                return null;
            }
            current = ((ConfigObject) current).get(segment);
        }
        return current;
    }

    /** One problem, sorted by source (file or variable) and line so they read in file order. */
    private record Problem(String source, int line, String text) {
    }
}
