package io.berth.server.listener;

/** A listener could not start (address in use, permission denied...). */
public final class ListenerException extends RuntimeException {
    public ListenerException(String message, Throwable cause) {
        super(message, cause);
    }
}
