package io.berth.server.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shape of the configuration, derived from {@link ConfigKeys#ALL}: which blocks exist, which keys each holds,
 * and where user-chosen names go. Finds unknown keys, blocks that are not objects and invalid names.
 */
final class ConfigSchema {

    static final ConfigSchema ROOT = build(ConfigKeys.ALL);

    private final Map<String, ConfigSchema> children = new TreeMap<>();
    private ConfigSchema named;
    private ConfigKey<?> key;

    private static ConfigSchema build(List<ConfigKey<?>> keys) {
        ConfigSchema root = new ConfigSchema();
        for (ConfigKey<?> k : keys) {
            ConfigSchema node = root;
            for (String segment : k.path().split("\\.")) {
                if (segment.equals(ConfigKey.NAME)) {
                    node.named = node.named == null ? new ConfigSchema() : node.named;
                    node = node.named;
                } else {
                    node = node.children.computeIfAbsent(segment, s -> new ConfigSchema());
                }
            }
            node.key = k;
        }
        return root;
    }

    /** Reports every key under {@code root} that no {@link ConfigKey} describes. */
    void check(ConfigObject root, ConfigProblems problems) {
        check(root, "", problems);
    }

    private void check(ConfigValue value, String path, ConfigProblems problems) {
        if (key != null) {
            return; // a leaf: its value is checked when read
        }
        if (value.valueType() != ConfigValueType.OBJECT) {
            problems.add(value.origin(), path, "must be an object { ... }, got " + Scalars.show(value));
            return;
        }
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>((ConfigObject) value).entrySet()) {
            String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            ConfigSchema child = children.get(e.getKey());
            if (child == null && named != null) {
                if (!ConfigKeys.LISTENER_NAME.matcher(e.getKey()).matches()) {
                    problems.add(e.getValue().origin(), childPath, "invalid name \"" + e.getKey() + "\": use lower-case "
                            + "letters and digits, with single '_' or '-' between them");
                    continue;
                }
                child = named;
            }
            if (child == null) {
                problems.add(e.getValue().origin(), childPath, "unknown key" + suggestion(childPath, e.getValue()));
            } else {
                child.check(e.getValue(), childPath, problems);
            }
        }
    }

    private static String suggestion(String unknown, ConfigValue value) {
        String[] parts = unknown.split("\\.");
        Set<String> candidates = new LinkedHashSet<>();
        for (ConfigKey<?> k : ConfigKeys.ALL) {
            String[] segments = k.path().split("\\.");
            List<String> concrete = new ArrayList<>();
            for (int i = 0; i < segments.length; i++) {
                boolean named = segments[i].equals(ConfigKey.NAME);
                concrete.add(named && i < parts.length ? parts[i] : segments[i]);
                candidates.add(String.join(".", concrete));
            }
        }
        candidates.removeIf(c -> c.contains(ConfigKey.NAME));
        String near = DidYouMean.closest(unknown, candidates);
        if (near == null) {
            String last = parts[parts.length - 1];
            near = candidates.stream().filter(c -> c.endsWith("." + last)).findFirst().orElse(null);
        }
        if (near == null) {
            return "";
        }
        boolean fromEnv = value.origin().description().startsWith(ConfigProblems.ENV_ORIGIN);
        return "; did you mean " + near + (fromEnv ? " (" + ConfigKey.envVar(near) + ")" : "") + "?";
    }
}
