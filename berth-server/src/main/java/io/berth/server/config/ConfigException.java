package io.berth.server.config;

import java.util.List;

/**
 * A configuration that cannot be used. Each problem is one line that says where the value came from, its key and
 * what is wrong, e.g. {@code conf/berth.conf:12: mqtt.max_inflight: must be between 1 and 65535, got 0} or
 * {@code environment variable BERTH_MQTT__MAX_INFLIGHT: mqtt.max_inflight: must be ...}. The message is the
 * problems joined by new lines.
 */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    /** The problems found, one line each, in the order found. */
    public List<String> problems() {
        return problems;
    }
}
