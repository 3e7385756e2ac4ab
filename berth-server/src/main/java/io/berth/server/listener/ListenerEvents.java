package io.berth.server.listener;

/**
 * What the {@link ListenerManager} tells the rest of the broker about listeners changing state while it runs (the
 * alarms listen), and what it asks it for its start-up lines. Called with the manager's lock held: implementations
 * only record or answer, never call back.
 */
public interface ListenerEvents {

    /** Nobody listens. */
    ListenerEvents NONE = new ListenerEvents() {
    };

    /** The listener runs again (started, restarted, or moved by an update). */
    default void running(String id) {
    }

    /** The listener was deleted: nothing about it stays (its alarms clear). */
    default void deleted(String id) {
    }

    /** An operator stopped the listener. */
    default void stopped(String id) {
    }

    /**
     * Who may use the listener, appended to its {@code listener.started} line: e.g. {@code anonymous=loopback-only}.
     * Empty when nothing is known.
     */
    default String accessSummary(String id) {
        return "";
    }

    /** The listener could not start (bind or TLS material), or an update left it stopped. */
    default void failed(String id, String reason) {
    }
}
