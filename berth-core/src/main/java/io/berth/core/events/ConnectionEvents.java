package io.berth.core.events;

import io.berth.codec.ConnectPacket;
import io.berth.codec.ReasonCode;
import io.berth.core.protocol.Transport;

/**
 * What the protocol engine tells the broker about connections: for the connection log, the automatic bans and the
 * alarms. Every method runs on the connection's event loop and must not block (implementations hand blocking work,
 * such as writing files, to their own thread).
 */
public interface ConnectionEvents {

    /** A CONNECT arrived, before bans and authentication are checked. {@code clientId} may be server-assigned. */
    default void connectReceived(Transport transport, ConnectPacket connect, String clientId) {
    }

    /** The CONNECT was answered: {@code reason} is SUCCESS or why it was refused. */
    default void connectAnswered(Transport transport, ConnectPacket connect, String clientId, ReasonCode reason,
                                 String detail) {
    }

    /** Authentication refused the client (also reported through {@link #connectAnswered}). */
    default void authFailed(Transport transport, ConnectPacket connect, String clientId, ReasonCode reason) {
    }

    /** A connected client's connection ended. {@code reason} as in the connection log, e.g. {@code keep_alive_timeout}. */
    default void disconnected(Transport transport, String clientId, String username, String reason) {
    }

    /** The ACL denied a publish or subscribe ({@code action} is {@code publish} or {@code subscribe}). */
    default void aclDenied(Transport transport, String clientId, String username, String action, String topic) {
    }

    /** Events nobody listens to. */
    static ConnectionEvents none() {
        return new ConnectionEvents() {
        };
    }
}
