package io.berth.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns {@code BERTH_...} environment variables into a config layer. {@code BERTH_MQTT__MAX_KEEPALIVE=60} sets
 * {@code mqtt.max_keepalive = 60}: the name after the prefix is lower-cased and each {@code __} becomes a dot.
 * Values are read as HOCON values: {@code true}/{@code false}, numbers, a quoted string, an object {@code {...}}
 * or list {@code [...]}; anything else, or anything that does not parse as HOCON (such as {@code [::1]:1884}),
 * is a string, so {@code 0.0.0.0:1884} needs no quotes.
 */
final class EnvironmentOverrides {

    /** {@code BERTH_} variables that belong to the launcher or to {@code berth ctl} (an API key), not to the config. */
    static final Set<String> RESERVED = Set.of("BERTH_HOME", "BERTH_API_KEY", "BERTH_API_SECRET");

    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?\\d+\\.\\d+");

    private EnvironmentOverrides() {
    }

    /** The overrides found in {@code env}; problems with their names or values go to {@code problems}. */
    static Config parse(Map<String, String> env, ConfigProblems problems) {
        Config layer = ConfigFactory.empty("environment variables");
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ConfigKey.ENV_PREFIX) || RESERVED.contains(name)) {
                continue;
            }
            String path = path(name, problems);
            if (path == null) {
                continue;
            }
            layer = value(e.getValue(), ConfigProblems.ENV_ORIGIN + name).atPath(path).withFallback(layer);
        }
        return layer;
    }

    private static String path(String name, ConfigProblems problems) {
        String rest = name.substring(ConfigKey.ENV_PREFIX.length());
        String origin = ConfigProblems.ENV_ORIGIN + name;
        if (!rest.contains("__")) {
            List<String> known = ConfigKeys.ALL.stream().map(ConfigKey::envVar).toList();
            String near = DidYouMean.closest(name, known);
            problems.addFormatted(origin + ": not a configuration key: separate the parts of the key with a double "
                    + "underscore, e.g. BERTH_MQTT__MAX_INFLIGHT for mqtt.max_inflight"
                    + (near == null ? "" : "; did you mean " + near + "?"));
            return null;
        }
        List<String> segments = Arrays.stream(rest.split("__", -1)).map(s -> s.toLowerCase(Locale.ROOT)).toList();
        if (segments.stream().anyMatch(s -> !SEGMENT.matcher(s).matches())) {
            problems.addFormatted(origin + ": not a configuration key: each part between double underscores must "
                    + "be letters, digits, '_' or '-'");
            return null;
        }
        return ConfigUtil.joinPath(segments);
    }

    private static ConfigValue value(String raw, String origin) {
        String text = raw.trim();
        if (text.startsWith("{") || text.startsWith("[") || text.startsWith("\"")) {
            ConfigParseOptions options = ConfigParseOptions.defaults().setOriginDescription(origin);
            try {
                return ConfigFactory.parseString("v = " + text, options).root().get("v");
            } catch (com.typesafe.config.ConfigException notHocon) {
                return ConfigValueFactory.fromAnyRef(raw, origin); // e.g. [::1]:1883; its key's type judges it
            }
        }
        Object value;
        if (text.equals("true") || text.equals("false")) {
            value = Boolean.parseBoolean(text);
        } else if (INTEGER.matcher(text).matches()) {
            value = Long.parseLong(text);
        } else if (DECIMAL.matcher(text).matches()) {
            value = Double.parseDouble(text);
        } else {
            value = raw;
        }
        return ConfigValueFactory.fromAnyRef(value, origin);
    }
}
