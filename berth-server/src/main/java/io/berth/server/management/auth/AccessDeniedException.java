package io.berth.server.management.auth;

/** A request without valid credentials: answered with HTTP 401 and this message. */
public final class AccessDeniedException extends RuntimeException {

    public AccessDeniedException(String message) {
        super(message);
    }
}
