package io.berth.server.listener;

/** A listener of that id exists already. */
public final class ListenerExistsException extends RuntimeException {

    public ListenerExistsException(String id) {
        super("listener " + id + " already exists");
    }
}
