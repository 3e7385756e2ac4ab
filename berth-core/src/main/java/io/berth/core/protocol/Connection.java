package io.berth.core.protocol;

import io.berth.codec.AuthPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DecodeFailure;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.codec.PingReqPacket;
import io.berth.codec.PingRespPacket;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PubCompPacket;
import io.berth.codec.PubRecPacket;
import io.berth.codec.PubRelPacket;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.codec.SubscribePacket;
import io.berth.codec.UnsubscribePacket;
import io.berth.codec.Will;
import io.berth.core.BrokerContext;
import io.berth.core.acl.AclCache;
import io.berth.core.auth.ClientIdentity;
import io.berth.core.session.Session;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The protocol engine of one network connection: takes decoded packets and drives the MQTT flows. It
 * knows nothing of sockets; the {@link Transport} carries its output.
 *
 * <p>Threading: every method runs on the transport's event loop, which also owns the attached session.
 */
public final class Connection {

    static final Logger EVENTS = LoggerFactory.getLogger("event.connection");
    private static final int MAX_PACKETS_WHILE_CONNECTING = 1000;

    enum State { AWAITING_CONNECT, CONNECTING, CONNECTED, CLOSED }

    final BrokerContext broker;
    final Transport transport;
    final ConnectFlow connectFlow;
    final PublishFlow publishFlow;
    final SubscribeFlow subscribeFlow;
    final DeliveryFlow deliveryFlow;
    final EnhancedAuthFlow enhancedAuthFlow;
    final SessionLifecycle lifecycle;

    State state = State.AWAITING_CONNECT;
    MqttVersion version;
    String clientId;
    /** Set once authentication allowed the client, before the session is acquired. */
    ClientIdentity identity;
    /** This client's ACL decisions; set with {@link #identity}. */
    AclCache acl;
    Session session;
    Will will;
    /** Will published even after DISCONNECT (MQTT 5 reason other than 0x00, e.g. 0x04). */
    boolean willOnDisconnect;
    boolean normalDisconnect;
    /** Client-requested or server-assigned session expiry interval, seconds. */
    long sessionExpirySeconds;
    int keepAliveSeconds;
    boolean cleanStart;
    /** For {@link #snapshot()}: when CONNACK accepted the client, and PUBLISH packets each way. */
    private long connectedAtMillis;
    long publishesIn;
    long publishesOut;
    /** Why the connection ended, for the connection log; the first reason set wins. */
    private String closeReason;

    private long lastPacketNanos = System.nanoTime();
    private ScheduledFuture<?> connectTimeout;
    private ScheduledFuture<?> keepAliveCheck;
    private ArrayDeque<MqttPacket> heldWhileConnecting;

    public Connection(BrokerContext broker, Transport transport, SessionLifecycle lifecycle) {
        this.broker = broker;
        this.transport = transport;
        this.lifecycle = lifecycle;
        this.connectFlow = new ConnectFlow(this);
        this.publishFlow = new PublishFlow(this);
        this.subscribeFlow = new SubscribeFlow(this);
        this.deliveryFlow = new DeliveryFlow(this);
        this.enhancedAuthFlow = new EnhancedAuthFlow(this);
    }

    public String clientId() {
        return clientId;
    }

    public MqttVersion version() {
        return version;
    }

    /** The authenticated identity (client id, username, address), or null before authentication allowed it. */
    public ClientIdentity identity() {
        return identity;
    }

    public boolean isConnected() {
        return state == State.CONNECTED;
    }

    /** A copy of this client's state for readers on other threads; null unless connected. Event loop only. */
    public ConnectionSnapshot snapshot() {
        if (state != State.CONNECTED || session == null) {
            return null;
        }
        return new ConnectionSnapshot(clientId, identity == null ? null : identity.username(), version,
                keepAliveSeconds, cleanStart, sessionExpirySeconds, connectedAtMillis, publishesIn, publishesOut,
                session.snapshot());
    }

    /** The connection is open: starts the CONNECT timer (mqtt.idle_timeout). */
    public void onOpen() {
        broker.metrics().connectionOpened();
        long ms = broker.settings().idleTimeout().toMillis();
        connectTimeout = transport.executor().schedule(() -> {
            if (state == State.AWAITING_CONNECT) {
                EVENTS.info("connect.timeout remote={} listener={} after={}ms", transport.remoteAddress(),
                        transport.listenerName(), ms);
                close();
            }
        }, ms, TimeUnit.MILLISECONDS);
    }

    /** A decoded packet arrived. Ownership of a PUBLISH payload passes to the engine. */
    public void onPacket(MqttPacket packet) {
        if (state == State.CLOSED) {
            releaseIfPublish(packet);
            return;
        }
        lastPacketNanos = System.nanoTime();
        broker.metrics().packetReceived();
        if (state == State.CONNECTING) {
            if (packet instanceof AuthPacket auth && enhancedAuthFlow.used()) {
                enhancedAuthFlow.onAuth(auth); // spec 4.12: the exchange before CONNACK
            } else {
                hold(packet);
            }
            return;
        }
        if (state == State.AWAITING_CONNECT) {
            if (packet instanceof ConnectPacket connect) {
                cancelConnectTimeout();
                connectFlow.handle(connect);
            } else {
                releaseIfPublish(packet);
                // MQTT-3.1.0-1: the first packet must be CONNECT
                protocolViolation(ReasonCode.PROTOCOL_ERROR, "first packet was " + packet.type() + ", not CONNECT");
            }
            return;
        }
        dispatch(packet);
    }

    private void dispatch(MqttPacket packet) {
        if (packet instanceof PublishPacket p) {
            publishFlow.handle(p);
        } else if (packet instanceof PubAckPacket p) {
            deliveryFlow.onPubAck(p);
        } else if (packet instanceof PubRecPacket p) {
            deliveryFlow.onPubRec(p);
        } else if (packet instanceof PubCompPacket p) {
            deliveryFlow.onPubComp(p);
        } else if (packet instanceof PubRelPacket p) {
            publishFlow.onPubRel(p);
        } else if (packet instanceof SubscribePacket p) {
            subscribeFlow.subscribe(p);
        } else if (packet instanceof UnsubscribePacket p) {
            subscribeFlow.unsubscribe(p);
        } else if (packet instanceof PingReqPacket) {
            transport.send(PingRespPacket.INSTANCE);
        } else if (packet instanceof DisconnectPacket p) {
            onDisconnect(p);
        } else if (packet instanceof ConnectPacket) {
            protocolViolation(ReasonCode.PROTOCOL_ERROR, "second CONNECT"); // MQTT-3.1.0-2
        } else if (packet instanceof AuthPacket auth) {
            enhancedAuthFlow.onAuth(auth); // re-authentication, spec 4.12.1
        } else {
            protocolViolation(ReasonCode.PROTOCOL_ERROR, packet.type() + " is not sent by clients");
        }
    }

    private void hold(MqttPacket packet) {
        if (heldWhileConnecting == null) {
            heldWhileConnecting = new ArrayDeque<>();
        }
        if (heldWhileConnecting.size() >= MAX_PACKETS_WHILE_CONNECTING) {
            releaseIfPublish(packet);
            protocolViolation(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED, "too many packets before CONNACK");
            return;
        }
        heldWhileConnecting.add(packet);
    }

    /** The session is attached and CONNACK sent: process what the client pipelined behind CONNECT. */
    void connected() {
        state = State.CONNECTED;
        connectedAtMillis = broker.clock().millis();
        broker.metrics().clientConnected();
        startKeepAlive();
        ArrayDeque<MqttPacket> held = heldWhileConnecting;
        heldWhileConnecting = null;
        if (held != null) {
            MqttPacket p;
            while ((p = held.poll()) != null && state == State.CONNECTED) {
                dispatch(p);
            }
            held.forEach(Connection::releaseIfPublish);
        }
    }

    private void onDisconnect(DisconnectPacket p) {
        if (version.isV5()) {
            Long requested = p.properties().sessionExpiryInterval();
            if (requested != null) {
                if (sessionExpirySeconds == 0 && requested != 0) {
                    // MQTT-3.14.2-2
                    protocolViolation(ReasonCode.PROTOCOL_ERROR,
                            "session expiry set in DISCONNECT after 0 in CONNECT");
                    return;
                }
                sessionExpirySeconds = ConnectFlow.cappedSessionExpiry(requested, broker.settings());
                if (session != null) {
                    session.expiryIntervalSeconds(sessionExpirySeconds);
                }
            }
        }
        // MQTT-3.14.4-3: only Normal disconnection (0x00) discards the will; 0x04 or an error code keeps it (3.1.2.5)
        willOnDisconnect = p.reasonCode() != ReasonCode.NORMAL_DISCONNECTION;
        normalDisconnect = !willOnDisconnect;
        closeReason(normalDisconnect ? "client_disconnect" : "client_disconnect_" + p.reasonCode().name()
                .toLowerCase(java.util.Locale.ROOT));
        EVENTS.info("client.disconnect clientId={} remote={} reason={}", clientId, transport.remoteAddress(),
                p.reasonCode());
        transport.close();
        onClosed();
    }

    /**
     * A frame the decoder could not accept: close with the reason code the spec names.
     *
     * @param versionRead the protocol version the decoder read from CONNECT, if it got that far, else null
     */
    public void onDecodeFailure(DecodeFailure failure, MqttVersion versionRead) {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.AWAITING_CONNECT) {
            cancelConnectTimeout();
            connectFlow.rejectMalformedConnect(failure, versionRead);
            return;
        }
        protocolViolation(failure.reasonCode(), failure.message());
    }

    /**
     * Closes the connection because of something the client did: logs once, tells an MQTT 5 client why with
     * DISCONNECT (or CONNACK before the session was attached), then closes (MQTT-4.13.1-1).
     */
    void protocolViolation(ReasonCode reason, String why) {
        if (state == State.CLOSED) {
            return;
        }
        EVENTS.warn("client.protocol_error clientId={} remote={} listener={} reason={} detail={}", clientId,
                transport.remoteAddress(), transport.listenerName(), reason, why);
        disconnect(reason);
    }

    /** Server-initiated disconnect with a reason code (sent to MQTT 5 clients after CONNACK only). */
    public void disconnect(ReasonCode reason) {
        if (state == State.CLOSED) {
            return;
        }
        closeReason(reason.name().toLowerCase(java.util.Locale.ROOT));
        if (state == State.CONNECTED && version.isV5()) {
            transport.sendAndClose(new DisconnectPacket(reason));
        } else {
            transport.close();
        }
        onClosed(); // nothing more is read from this connection
    }

    /** Another connection took the session over (MQTT-3.1.4-3). Runs on this connection's loop. */
    void takenOver() {
        EVENTS.info("client.taken_over clientId={} remote={}", clientId, transport.remoteAddress());
        handleWill(); // now, before the new connection resumes the session and cancels a delayed will
        if (session != null) {
            session.detach();
            session = null;
        }
        disconnect(ReasonCode.SESSION_TAKEN_OVER);
    }

    /** The network connection is gone, for whatever reason. Idempotent. */
    public void onClosed() {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        state = State.CLOSED;
        broker.metrics().connectionClosed();
        cancelConnectTimeout();
        if (keepAliveCheck != null) {
            keepAliveCheck.cancel(false);
        }
        if (heldWhileConnecting != null) {
            heldWhileConnecting.forEach(Connection::releaseIfPublish);
            heldWhileConnecting = null;
        }
        if (was == State.CONNECTED) {
            broker.metrics().clientDisconnected();
            EVENTS.info("client.closed clientId={} remote={} normal={}", clientId, transport.remoteAddress(),
                    normalDisconnect);
            closeReason("connection_lost");
            broker.protection().events().disconnected(transport, clientId,
                    identity == null ? null : identity.username(), closeReason);
            handleWill();
            if (session != null) {
                lifecycle.detached(session);
                session = null;
            }
        }
    }

    private void closeReason(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
    }

    private void handleWill() {
        if (will == null || (normalDisconnect && !willOnDisconnect)) {
            return;
        }
        long delay = 0;
        if (version.isV5()) {
            Long willDelay = will.properties().willDelayInterval();
            delay = Math.min(willDelay == null ? 0 : willDelay, sessionExpirySeconds);
        }
        broker.wills().connectionLost(clientId, will, delay, transport.executor());
        will = null;
    }

    /** Broker shutdown, phase 1: publish this connection's will as if the connection were lost. */
    public void publishWillForShutdown() {
        if (state == State.CONNECTED && will != null) {
            broker.wills().connectionLost(clientId, will, 0, transport.executor());
            will = null;
        }
    }

    private void startKeepAlive() {
        if (keepAliveSeconds <= 0) {
            return;
        }
        long timeoutNanos = (long) (keepAliveSeconds * broker.settings().keepaliveMultiplier() * 1e9);
        long periodMs = Math.max(100, keepAliveSeconds * 250L);
        keepAliveCheck = transport.executor().scheduleAtFixedRate(() -> {
            if (transport.readPaused()) {
                lastPacketNanos = System.nanoTime(); // the broker is not reading: the client is not silent
                return;
            }
            if (state == State.CONNECTED && System.nanoTime() - lastPacketNanos > timeoutNanos) {
                EVENTS.info("client.keepalive_timeout clientId={} remote={} keepalive={}s", clientId,
                        transport.remoteAddress(), keepAliveSeconds);
                disconnect(ReasonCode.KEEP_ALIVE_TIMEOUT);
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    private void cancelConnectTimeout() {
        if (connectTimeout != null) {
            connectTimeout.cancel(false);
            connectTimeout = null;
        }
    }

    void close() {
        transport.close();
    }

    static void releaseIfPublish(MqttPacket packet) {
        if (packet instanceof PublishPacket p && p.payload().refCnt() > 0) {
            p.release();
        }
    }
}
