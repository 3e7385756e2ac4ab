package io.berth.core.protocol;

import io.berth.codec.AuthPacket;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.ReasonCode;
import io.berth.core.auth.scram.ScramException;
import io.berth.core.auth.scram.ScramServer;
import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * MQTT 5 enhanced authentication (spec 4.12) with SCRAM: the AUTH exchange between CONNECT and CONNACK, and
 * re-authentication on a live connection (AUTH 0x19, spec 4.12.1). The credential lookup runs on the
 * authentication executor; the proof check (HMACs over stored keys) runs on the connection's loop, which owns
 * this state.
 *
 * <p>CONNECT carries client-first; the server answers AUTH 0x18 with server-first; the client's AUTH 0x18 carries
 * client-final; CONNACK (or, when re-authenticating, AUTH 0x00) carries server-final. An AUTH with another method
 * gives 0x8C; an AUTH out of turn is a protocol error (0x82); a wrong proof gives 0x87.
 */
final class EnhancedAuthFlow {

    private final Connection c;
    /** The Authentication Method of CONNECT, or null when the client did not use enhanced authentication. */
    private String method;
    private ScramServer exchange;
    /** Whether the server sent server-first and waits for the client's AUTH with client-final. */
    private boolean awaitingClientFinal;
    private ConnectPacket connect;
    private boolean assigned;
    /** server-final, for CONNACK's Authentication Data. */
    private byte[] serverFinal;

    EnhancedAuthFlow(Connection connection) {
        this.c = connection;
    }

    boolean used() {
        return method != null;
    }

    String method() {
        return method;
    }

    byte[] serverFinal() {
        return serverFinal;
    }

    /** CONNECT with a supported Authentication Method: starts the exchange. Runs on the loop, state CONNECTING. */
    void start(ConnectPacket p, boolean assignedId, ScramServer server) {
        method = p.properties().authenticationMethod();
        connect = p;
        assigned = assignedId;
        exchange = server;
        sendServerFirst(p.properties().authenticationData(), false);
    }

    /** An AUTH packet, before CONNACK or on a connected client. Runs on the loop. */
    void onAuth(AuthPacket a) {
        boolean connected = c.state == Connection.State.CONNECTED;
        if (method == null) {
            c.protocolViolation(ReasonCode.PROTOCOL_ERROR, "AUTH without an authentication method"); // 4.12.0-1
            return;
        }
        if (!method.equals(a.properties().authenticationMethod())) {
            fail(ReasonCode.BAD_AUTHENTICATION_METHOD, "AUTH with method " + a.properties().authenticationMethod()
                    + ", CONNECT had " + method);
            return;
        }
        if (a.reasonCode() == ReasonCode.RE_AUTHENTICATE && connected && exchange == null) {
            exchange = c.broker.authentication().enhancedAuthentication(method);
            sendServerFirst(a.properties().authenticationData(), true);
            return;
        }
        if (a.reasonCode() != ReasonCode.CONTINUE_AUTHENTICATION || !awaitingClientFinal) {
            fail(ReasonCode.PROTOCOL_ERROR, "AUTH " + a.reasonCode() + " out of turn");
            return;
        }
        awaitingClientFinal = false;
        ScramServer server = exchange;
        exchange = null;
        byte[] last;
        try {
            last = server.clientFinal(a.properties().authenticationData());
        } catch (ScramException e) {
            fail(ReasonCode.NOT_AUTHORIZED, server.mechanism().methodName() + ": " + e.getMessage());
            return;
        }
        if (connected) {
            if (!server.username().equals(c.identity.username())) {
                fail(ReasonCode.NOT_AUTHORIZED, "re-authenticated as " + server.username() + ", connected as "
                        + c.identity.username());
                return;
            }
            Connection.EVENTS.info("client.reauthenticated clientId={} username={} remote={} method={}", c.clientId,
                    server.username(), c.transport.remoteAddress(), method);
            c.transport.send(new AuthPacket(ReasonCode.SUCCESS, props(last)));
            return;
        }
        serverFinal = last;
        c.connectFlow.enhancedAuthenticated(connect, assigned, server.username(), method);
        connect = null;
    }

    /** Looks the user up off the loop, then sends AUTH 0x18 with server-first and waits for client-final. */
    private void sendServerFirst(byte[] clientFirst, boolean reauth) {
        ScramServer server = exchange;
        c.broker.authentication().offLoop(() -> server.clientFirst(clientFirst)).whenComplete((first, error) -> {
            EventExecutor loop = c.transport.executor();
            try {
                loop.execute(() -> serverFirstReady(server, first, error, reauth));
            } catch (RejectedExecutionException shuttingDown) {
                // the broker is stopping: the connection closes with its loop
            }
        });
    }

    private void serverFirstReady(ScramServer server, byte[] first, Throwable error, boolean reauth) {
        boolean live = reauth ? c.state == Connection.State.CONNECTED : c.state == Connection.State.CONNECTING;
        if (!live || exchange != server) {
            return; // closed meanwhile
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            ReasonCode code = cause instanceof RejectedExecutionException ? ReasonCode.SERVER_BUSY
                    : ReasonCode.NOT_AUTHORIZED;
            fail(code, server.mechanism().methodName() + ": "
                    + (cause instanceof ScramException ? cause.getMessage() : String.valueOf(cause)));
            return;
        }
        awaitingClientFinal = true;
        c.transport.send(new AuthPacket(ReasonCode.CONTINUE_AUTHENTICATION, props(first)));
    }

    private void fail(ReasonCode reason, String why) {
        exchange = null;
        awaitingClientFinal = false;
        if (c.state == Connection.State.CONNECTING) {
            Connection.EVENTS.warn("client.auth_failed clientId={} username={} remote={} listener={} reason={} by={} "
                    + "detail={}", c.clientId, connect == null ? null : connect.username(), c.transport.remoteAddress(),
                    c.transport.listenerName(), reason, method, why);
            c.transport.sendAndClose(new ConnAckPacket(false, reason, MqttProperties.EMPTY));
            c.onClosed();
        } else {
            c.protocolViolation(reason, why);
        }
    }

    private MqttProperties props(byte[] data) {
        return MqttProperties.builder().authenticationMethod(method).authenticationData(data).build();
    }
}
