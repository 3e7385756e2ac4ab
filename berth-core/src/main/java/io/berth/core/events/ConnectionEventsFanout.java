package io.berth.core.events;

import io.berth.codec.ConnectPacket;
import io.berth.codec.ReasonCode;
import io.berth.core.protocol.Transport;

import java.util.List;

/** Passes each event to several listeners, in order. */
public final class ConnectionEventsFanout implements ConnectionEvents {

    private final List<ConnectionEvents> targets;

    public ConnectionEventsFanout(List<ConnectionEvents> targets) {
        this.targets = List.copyOf(targets);
    }

    @Override
    public void connectReceived(Transport transport, ConnectPacket connect, String clientId) {
        targets.forEach(t -> t.connectReceived(transport, connect, clientId));
    }

    @Override
    public void connectAnswered(Transport transport, ConnectPacket connect, String clientId, ReasonCode reason,
                                String detail) {
        targets.forEach(t -> t.connectAnswered(transport, connect, clientId, reason, detail));
    }

    @Override
    public void authFailed(Transport transport, ConnectPacket connect, String clientId, ReasonCode reason) {
        targets.forEach(t -> t.authFailed(transport, connect, clientId, reason));
    }

    @Override
    public void disconnected(Transport transport, String clientId, String username, String reason) {
        targets.forEach(t -> t.disconnected(transport, clientId, username, reason));
    }

    @Override
    public void aclDenied(Transport transport, String clientId, String username, String action, String topic) {
        targets.forEach(t -> t.aclDenied(transport, clientId, username, action, topic));
    }
}
