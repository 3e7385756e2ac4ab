package io.berth.server.listener;

/**
 * What the {@link ListenerManager} tells the rest of the broker about listeners changing state while it runs (the
 * alarms listen). Called with the manager's lock held: implementations only record, never call back.
 */
public interface ListenerEvents {

    /** Nobody listens. */
    ListenerEvents NONE = new ListenerEvents() {
    };

    /** The listener runs again (started, restarted, or moved by an update). */
    default void running(String id) {
    }

    /** An operator stopped the listener. */
    default void stopped(String id) {
    }

    /** The listener could not start (bind or TLS material), or an update left it stopped. */
    default void failed(String id, String reason) {
    }
}
