package io.berth.server.auth;

/** The users file cannot be read or written; the message names the file (and line). */
public final class UserStoreException extends RuntimeException {

    public UserStoreException(String message) {
        super(message);
    }

    public UserStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
