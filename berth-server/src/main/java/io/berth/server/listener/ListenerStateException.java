package io.berth.server.listener;

/** The operation does not fit the listener's state: starting a running listener, stopping a stopped one. */
public final class ListenerStateException extends RuntimeException {
    public ListenerStateException(String message) {
        super(message);
    }
}
