package io.berth.core.session;

/**
 * The live connection side of a session, as the session sees it: where deliveries go while a client is
 * connected. Implemented by the protocol engine; called on the session's owner thread only.
 */
public interface SessionOutbound {

    /** Sends (or holds in the session queue, if the inflight window is full) one delivery. */
    void deliver(Delivery delivery);
}
