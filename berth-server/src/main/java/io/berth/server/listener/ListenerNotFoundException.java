package io.berth.server.listener;

/** No listener has the id asked for. */
public final class ListenerNotFoundException extends RuntimeException {
    public ListenerNotFoundException(String id) {
        super("listener " + id + " not found");
    }
}
