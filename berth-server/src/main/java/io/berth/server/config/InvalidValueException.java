package io.berth.server.config;

/**
 * Thrown by a {@link ValueType} when a value breaks its rule. The message is the bare problem
 * ("must be between 1 and 65535, got 0"); the loader adds where the value came from and its key.
 */
final class InvalidValueException extends RuntimeException {

    InvalidValueException(String problem) {
        super(problem, null, false, false);
    }
}
