package io.berth.core.protocol;

import io.berth.codec.MqttVersion;
import io.berth.core.session.SessionSnapshot;

/**
 * A connected client as its connection sees it at one instant, copied on the connection's event loop so that other
 * threads (the management API) can read it. Immutable.
 *
 * @param clientId              the client identifier
 * @param username              the User Name, or null for an anonymous client
 * @param version               the protocol version of CONNECT
 * @param keepAliveSeconds      the keep alive in force (the server's, when it overrode the client's)
 * @param cleanStart            Clean Start (Clean Session in 3.1.1) of CONNECT
 * @param sessionExpirySeconds  the session expiry interval in force
 * @param connectedAtMillis     when CONNACK accepted the client (epoch milliseconds, the broker's clock)
 * @param publishesIn           PUBLISH packets received on this connection
 * @param publishesOut          PUBLISH packets sent on this connection
 * @param session               the attached session's state
 */
public record ConnectionSnapshot(String clientId, String username, MqttVersion version, int keepAliveSeconds,
                                 boolean cleanStart, long sessionExpirySeconds, long connectedAtMillis,
                                 long publishesIn, long publishesOut, SessionSnapshot session) {
}
