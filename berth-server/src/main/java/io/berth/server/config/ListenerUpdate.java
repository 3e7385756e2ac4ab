package io.berth.server.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies changed keys of one listener ({@code bind}, {@code max_connections}, {@code enabled}), given as plain values
 * such as a JSON body holds, with the same parsing and rules as the config file.
 */
public final class ListenerUpdate {

    /** The keys that can be changed at runtime. */
    public static final List<String> KEYS = List.of("bind", "enabled", "max_connections");

    private ListenerUpdate() {
    }

    /**
     * The listener's config with {@code changes} applied.
     *
     * @param changes key to value: strings, numbers, booleans
     * @throws IllegalArgumentException naming the key, if a key is unknown or a value invalid
     */
    public static ListenerSettings apply(ListenerSettings current, Map<String, ?> changes) {
        ListenerSettings next = current;
        for (Map.Entry<String, ?> e : new TreeMap<String, Object>(changes).entrySet()) {
            ConfigValue value = ConfigValueFactory.fromAnyRef(e.getValue(), "update of " + current.id());
            try {
                next = switch (e.getKey()) {
                    case "bind" -> {
                        BindAddress bind = ValueTypes.bind().parse(value);
                        yield next.withBind(bind.host(), bind.port());
                    }
                    case "max_connections" -> next.withMaxConnections(ValueTypes.cap().parse(value));
                    case "enabled" -> next.withEnabled(ValueTypes.bool().parse(value));
                    default -> throw new IllegalArgumentException(e.getKey() + ": unknown key; a listener update "
                            + "takes " + String.join(", ", KEYS));
                };
            } catch (InvalidValueException invalid) {
                throw new IllegalArgumentException(e.getKey() + ": " + invalid.getMessage(), invalid);
            }
        }
        return next;
    }
}
