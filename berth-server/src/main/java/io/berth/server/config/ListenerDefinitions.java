package io.berth.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a listener defined or changed at runtime (management API, {@code berth ctl listeners create}) with the same
 * schema, readers and rules as the config file at start-up: an unknown key or an invalid value is refused with the
 * key named, and a definition that reads cleanly gives the same settings the same block in {@code berth.conf} would.
 *
 * <p>{@code allow_anonymous} and {@code enable_two_factor} are part of the authentication chain built at start-up and
 * cannot be set at runtime (set them in {@code berth.conf}); a definition that names them is refused.
 */
public final class ListenerDefinitions {

    /** Keys a runtime definition may not set. */
    /** The listener types. */
    public static final List<String> TYPES = List.of("tcp", "ssl", "ws", "wss", "quic");

    static final List<String> START_UP_ONLY = List.of("allow_anonymous", "enable_two_factor");

    /** A listener read from a definition: its settings and its accept-time gate and rates. */
    public record Definition(ListenerSettings settings, ListenerProtection protection, Map<String, Object> block) {
        public String id() {
            return settings.id();
        }
    }

    private ListenerDefinitions() {
    }

    /**
     * Reads a new listener.
     *
     * @param type   tcp, ssl, ws, wss or quic
     * @param name   the listener's name ({@link ConfigKeys#LISTENER_NAME})
     * @param block  the keys of its block, as in the config file; keys may be dotted paths
     *               ({@code "websocket.mqtt_path"}) or nested objects ({@code "ssl_options": {...}})
     * @param origin what to call the source in error messages, e.g. {@code "POST /api/v5/listeners"}
     * @throws ConfigException          listing each problem with its key, e.g. {@code listeners.tcp.extra.bind: ...}
     * @throws IllegalArgumentException if the type or name is not valid
     */
    public static Definition read(String type, String name, Map<String, ?> block, String origin) {
        return read(type, name, block, origin, null);
    }

    /**
     * Like {@link #read(String, String, Map, String)}, with the broker's {@code listener_defaults} in force
     * ({@code defaults}; null for {@code reference.conf}'s) for the gate and rate keys the block does not set.
     */
    public static Definition read(String type, String name, Map<String, ?> block, String origin,
                                  ListenerProtection defaults) {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("listener type must be one of " + String.join(", ", TYPES) + ", got \""
                    + type + "\"");
        }
        if (name == null || !ConfigKeys.LISTENER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("listener name must be lower-case letters and digits with single _ or "
                    + "- between them, got \"" + name + "\"");
        }
        String path = "listeners." + type + "." + name;
        ConfigProblems problems = new ConfigProblems();
        Config given;
        try {
            given = ConfigFactory.parseMap(block, origin).atPath(path);
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException(origin + ": " + path + ": " + e.getMessage());
        }
        for (String key : START_UP_ONLY) {
            if (block.containsKey(key)) {
                problems.add(path + "." + key, path + "." + key, "cannot be set at runtime (it is part of the "
                        + "authentication chain built at start-up): set it in berth.conf and restart");
            }
        }
        Config reference = ConfigLoader.reference().withoutPath("listeners");
        if (defaults != null) {
            reference = ConfigFactory.parseMap(ListenerRenderer.protection(defaults, true), "listener_defaults")
                    .atPath("listener_defaults").withFallback(reference);
        }
        problems.locateIn(List.of(given, reference));
        Config root;
        try {
            root = given.withFallback(reference).resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException(origin + ": " + path + ": " + e.getMessage());
        }
        ConfigSchema.ROOT.check(root.root(), problems);
        problems.throwIfAny();
        BrokerConfig read = new BrokerConfigReader(root.root(), problems, false).read();
        problems.throwIfAny();
        ListenerSettings settings = read.allListeners().get(0);
        return new Definition(settings, read.protection().listener(settings.id()),
                ListenerRenderer.render(settings, read.protection().listener(settings.id())));
    }

    /**
     * Reads listener {@code current} with {@code changes} applied on top of its block: nested objects
     * ({@code ssl_options}, {@code websocket}) are merged key by key, other values replaced.
     *
     * @throws ConfigException naming the key of each problem
     */
    public static Definition update(ListenerSettings current, ListenerProtection protection, Map<String, ?> changes,
                                    String origin) {
        Map<String, Object> block = ListenerRenderer.render(current, protection);
        Config merged = ConfigFactory.parseMap(changes, origin)
                .withFallback(ConfigFactory.parseMap(block, "listener " + current.id()));
        Map<String, Object> next = new LinkedHashMap<>(merged.root().unwrapped());
        for (String key : START_UP_ONLY) {
            if (!changes.containsKey(key)) {
                next.remove(key);
            }
        }
        return read(current.typeKey(), current.name(), next, origin);
    }
}
