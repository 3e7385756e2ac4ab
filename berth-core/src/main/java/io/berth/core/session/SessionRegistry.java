package io.berth.core.session;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every live session by client identifier. Thread-safe; the sessions themselves are owned by their
 * owner threads (see {@link Session}).
 */
public final class SessionRegistry {

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    public Session get(String clientId) {
        return sessions.get(clientId);
    }

    /** Registers a session unless one exists; returns the existing one, or null when registered. */
    public Session putIfAbsent(Session session) {
        return sessions.putIfAbsent(session.clientId(), session);
    }

    /** Replaces {@code expected} by {@code replacement}; false if {@code expected} is no longer registered. */
    public boolean replace(Session expected, Session replacement) {
        return sessions.replace(expected.clientId(), expected, replacement);
    }

    /** Removes the session if it is still the registered one. */
    public boolean remove(Session session) {
        return sessions.remove(session.clientId(), session);
    }

    public int size() {
        return sessions.size();
    }

    public Collection<Session> all() {
        return sessions.values();
    }
}
