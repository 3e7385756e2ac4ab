package io.berth.server.config;

import com.typesafe.config.ConfigValue;

/**
 * How one configuration value is read and checked.
 *
 * @param name   the type as shown in the documentation, e.g. {@code integer} or {@code duration}
 * @param rule   the validation rule in words, e.g. {@code 1..65535}; empty when any value of the type is accepted
 * @param parser turns a HOCON value into the Java value, throwing {@link InvalidValueException} when it is invalid
 * @param <T>    the Java type
 */
public record ValueType<T>(String name, String rule, Parser<T> parser) {

    /** Reads one value; the message of the exception it throws is the problem alone, without key or location. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(ConfigValue value);
    }

    /** Parses {@code value}, throwing {@link InvalidValueException} with a one-line problem when it is invalid. */
    public T parse(ConfigValue value) {
        return parser.parse(value);
    }
}
