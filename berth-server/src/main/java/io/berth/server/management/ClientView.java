package io.berth.server.management;

import io.berth.codec.MqttVersion;
import io.berth.core.protocol.ConnectionSnapshot;
import io.berth.core.session.Session;
import io.berth.core.session.SessionSnapshot;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One client as the clients API shows it: a connected client (its connection's snapshot plus the socket's facts) or
 * a persistent session without a connection. Immutable; copied on the owning event loops.
 *
 * @param connection the connection's snapshot, or null for a session without a connection
 * @param session    the session's snapshot
 * @param listener   the listener that accepted the connection, or null
 * @param ipAddress  the peer's IP address (the one a trusted proxy reported, if any), or null
 * @param port       the peer's port, or 0
 * @param bytesIn    bytes received on the connection
 * @param bytesOut   bytes sent on the connection
 * @param packetsIn  MQTT packets received
 * @param packetsOut MQTT packets sent
 */
record ClientView(ConnectionSnapshot connection, SessionSnapshot session, String listener, String ipAddress,
                  int port, long bytesIn, long bytesOut, long packetsIn, long packetsOut) {

    /** A persistent session with no connection attached. */
    static ClientView offline(SessionSnapshot session) {
        return new ClientView(null, session, null, null, 0, 0, 0, 0, 0);
    }

    String clientId() {
        return session.clientId();
    }

    boolean connected() {
        return connection != null;
    }

    String username() {
        return connection == null ? null : connection.username();
    }

    /** The protocol level: 3, 4 or 5. */
    int protoVer() {
        return connection != null ? connection.version().level() : session.protocolLevel();
    }

    /** EMQX's conn_state: connected, or disconnected for a session kept without a connection. */
    String connState() {
        return connected() ? "connected" : "disconnected";
    }

    /** The client in EMQX's field names. */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientid", clientId());
        m.put("username", username());
        m.put("connected", connected());
        m.put("conn_state", connState());
        m.put("listener", listener);
        m.put("ip_address", ipAddress);
        m.put("port", connected() ? port : null);
        m.put("proto_name", protoVer() == MqttVersion.MQTT_3_1.level() ? "MQIsdp" : "MQTT");
        m.put("proto_ver", protoVer());
        m.put("keepalive", connected() ? connection.keepAliveSeconds() : null);
        m.put("clean_start", connected() ? connection.cleanStart() : null);
        m.put("expiry_interval", session.expiryIntervalSeconds() == Session.NEVER_EXPIRES ? "infinity"
                : session.expiryIntervalSeconds());
        m.put("connected_at", connected() ? Instant.ofEpochMilli(connection.connectedAtMillis()).toString() : null);
        m.put("created_at", connected() ? Instant.ofEpochMilli(connection.connectedAtMillis()).toString() : null);
        m.put("subscriptions_cnt", session.subscriptions().size());
        m.put("inflight_cnt", session.inflight());
        m.put("mqueue_len", session.queued());
        m.put("awaiting_rel_cnt", session.awaitingRelease());
        m.put("recv_oct", bytesIn);
        m.put("send_oct", bytesOut);
        m.put("recv_pkt", packetsIn);
        m.put("send_pkt", packetsOut);
        m.put("recv_msg", connected() ? connection.publishesIn() : 0);
        m.put("send_msg", connected() ? connection.publishesOut() : 0);
        return m;
    }
}
