package io.berth.core.alarm;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A condition an operator should know about, raised and later cleared (EMQX's alarm model).
 *
 * @param name        unique while active, e.g. {@code brute_force/203.0.113.7} or {@code listener_connections/tcp:default}
 * @param severity    how bad it is
 * @param message     one line for people
 * @param details     machine-readable facts (listener, address, counts...)
 * @param activatedAt when it was raised
 * @param clearedAt   when it was cleared; null while active
 */
public record Alarm(String name, Severity severity, String message, Map<String, String> details,
                    Instant activatedAt, Instant clearedAt) {

    public enum Severity {
        INFO, WARNING, CRITICAL;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Alarm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(activatedAt, "activatedAt");
        message = message == null ? "" : message;
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public boolean active() {
        return clearedAt == null;
    }

    Alarm cleared(Instant at) {
        return new Alarm(name, severity, message, details, activatedAt, at);
    }
}
