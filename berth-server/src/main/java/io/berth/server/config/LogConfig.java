package io.berth.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@code log { ... }} settings, applied by the {@code berth} command's logging setup.
 *
 * @param level one of {@link #LEVELS}
 * @param dir   absolute directory of {@code berth.log}
 */
public record LogConfig(String level, Path dir) {

    /** Accepted levels, lowest first; {@code none} turns logging off. */
    public static final List<String> LEVELS = List.of("trace", "debug", "info", "warning", "error", "none");

    public LogConfig {
        Objects.requireNonNull(dir, "dir");
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("log level must be one of " + LEVELS + ": " + level);
        }
    }

    /** The level as Logback spells it: TRACE, DEBUG, INFO, WARN, ERROR or OFF. */
    public String logbackLevel() {
        return switch (level) {
            case "warning" -> "WARN";
            case "none" -> "OFF";
            default -> level.toUpperCase(java.util.Locale.ROOT);
        };
    }
}
