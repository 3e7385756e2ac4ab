package io.berth.core.protocol;

import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DecodeFailure;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.codec.TopicNames;
import io.berth.codec.Will;
import io.berth.core.MqttSettings;
import io.berth.core.acl.AclAction;
import io.berth.core.acl.AclCache;
import io.berth.core.auth.AuthOutcome;
import io.berth.core.auth.CertificateNames;
import io.berth.core.auth.ClientIdentity;
import io.berth.core.auth.Credentials;
import io.berth.core.ban.Ban;
import io.berth.core.auth.scram.ScramServer;
import io.berth.core.session.Session;

import io.netty.util.concurrent.EventExecutor;

import java.util.Optional;
import java.security.cert.X509Certificate;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * CONNECT to CONNACK (spec 3.1, 3.2): validates the request, assigns a client identifier when the client
 * sent none, authenticates it, finds, takes over or creates the session, and answers with CONNACK and the
 * server's limits. Runs on the connection's event loop; authentication runs on the broker's authentication
 * executor and the takeover step on the old session owner's loop, each continuing back on this loop.
 */
final class ConnectFlow {

    private final Connection c;

    ConnectFlow(Connection connection) {
        this.c = connection;
    }

    void handle(ConnectPacket p) {
        MqttSettings settings = c.broker.settings();
        c.version = p.version();
        c.transport.protocolVersion(p.version());
        String clientId = p.clientId();
        boolean assigned = false;
        if (clientId.isEmpty()) {
            if (p.version() == MqttVersion.MQTT_3_1 || (p.version() == MqttVersion.MQTT_3_1_1 && !p.cleanStart())) {
                reject(p, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "empty client id"); // MQTT-3.1.3-8
                return;
            }
            clientId = "berth-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                    + Long.toHexString(System.nanoTime() & 0xFFFFFF);
            assigned = true; // MQTT-3.1.3-6, MQTT-3.2.2-16
        }
        c.broker.protection().events().connectReceived(c.transport, p, clientId); // flapping detection counts it
        Optional<Ban> ban = c.broker.protection().bans().match(clientId, p.username(),
                c.transport.remoteInetAddress());
        if (ban.isPresent()) {
            // MQTT 5: CONNACK 0x8A Banned; MQTT 3.1.1: return code 5 (not authorized)
            reject(p, clientId, ReasonCode.BANNED, "banned by " + ban.get().kind().key() + " " + ban.get().who());
            return;
        }
        if (c.broker.protection().overloaded().getAsBoolean()) {
            // MQTT 5: 0x89 Server busy; MQTT 3.1.1: return code 3 (server unavailable). Resumes by itself.
            reject(p, clientId, ReasonCode.SERVER_BUSY, "overloaded: new connections are refused for now");
            return;
        }
        // the limits apply to identifiers clients send, not to the one the server assigns
        if (!assigned && (clientId.length() > settings.maxClientIdLen()
                || (p.version() == MqttVersion.MQTT_3_1 && clientId.length() > 23))) {
            reject(p, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "client id longer than allowed");
            return;
        }
        ScramServer enhanced = null;
        if (p.version().isV5() && p.properties().authenticationMethod() != null) {
            enhanced = c.broker.authentication().enhancedAuthentication(p.properties().authenticationMethod());
            if (enhanced == null) {
                reject(p, ReasonCode.BAD_AUTHENTICATION_METHOD,
                        "authentication method " + p.properties().authenticationMethod() + " is not supported");
                return;
            }
            if (c.broker.authentication().requiresTwoFactor(c.transport.listenerName())) {
                reject(p, ReasonCode.BAD_AUTHENTICATION_METHOD, "enhanced authentication is not available on a "
                        + "two-factor listener: send the certificate and a password");
                return;
            }
        }
        if (p.will() != null) {
            if (p.will().qos() > settings.maxQosAllowed()) {
                reject(p, ReasonCode.QOS_NOT_SUPPORTED, "will QoS above maximum"); // MQTT-3.2.2-12
                return;
            }
            if (p.will().retain() && !settings.retainAvailable()) {
                reject(p, ReasonCode.RETAIN_NOT_SUPPORTED, "will retain not available"); // MQTT-3.2.2-13
                return;
            }
            if (TopicNames.levels(p.will().topic()) > settings.maxTopicLevels()) {
                reject(p, ReasonCode.TOPIC_NAME_INVALID, "will topic has too many levels");
                return;
            }
        }
        c.clientId = clientId;
        c.will = p.will();
        c.sessionExpirySeconds = sessionExpiry(p, settings);
        c.keepAliveSeconds = keepAlive(p, settings);
        c.cleanStart = p.cleanStart();
        c.deliveryFlow.configure(p);
        c.publishFlow.configure();
        c.state = Connection.State.CONNECTING; // packets pipelined behind CONNECT are held from now on
        if (enhanced != null) {
            c.enhancedAuthFlow.start(p, assigned, enhanced);
        } else {
            authenticate(p, assigned);
        }
    }

    /** The enhanced-authentication exchange proved the client is {@code username}. Runs on the loop. */
    void enhancedAuthenticated(ConnectPacket p, boolean assigned, String username, String method) {
        ConnectPacket as = new ConnectPacket(p.version(), p.clientId(), p.cleanStart(), p.keepAlive(), username, null,
                p.will(), p.properties());
        X509Certificate cert = c.transport.peerCertificate();
        Credentials credentials = new Credentials(c.clientId, username, null, c.transport.remoteInetAddress(),
                c.transport.listenerName(), cert != null, null, CertificateNames.commonName(cert));
        authenticated(new AuthOutcome(ReasonCode.SUCCESS, false, method, "authenticated"), credentials, as, assigned);
    }

    /**
     * Runs the authentication chain on the broker's authentication executor (hashes are slow by design), then
     * continues on this connection's loop. The connection may close meanwhile: {@link #authenticated} checks.
     */
    private void authenticate(ConnectPacket p, boolean assigned) {
        byte[] password = p.password() == null ? null : p.password().clone();
        X509Certificate cert = c.transport.peerCertificate();
        Credentials credentials = new Credentials(c.clientId, p.username(), password,
                c.transport.remoteInetAddress(), c.transport.listenerName(), cert != null,
                cert == null ? null : c.transport.peerCertificateIdentity(), CertificateNames.commonName(cert));
        c.broker.authentication().authenticate(credentials).thenAccept(outcome -> {
            credentials.wipe();
            EventExecutor loop = c.transport.executor();
            if (loop.inEventLoop()) {
                authenticated(outcome, credentials, p, assigned);
                return;
            }
            try {
                loop.execute(() -> authenticated(outcome, credentials, p, assigned));
            } catch (RejectedExecutionException shuttingDown) {
                // the broker is stopping: the connection closes with its loop
            }
        });
    }

    /** Runs on the connection's loop with the chain's decision. */
    private void authenticated(AuthOutcome outcome, Credentials credentials, ConnectPacket p, boolean assigned) {
        if (c.state != Connection.State.CONNECTING) {
            return; // closed while the chain ran; held packets were released by onClosed
        }
        if (!outcome.allowed()) {
            Connection.EVENTS.warn("client.auth_failed clientId={} username={} remote={} listener={} reason={} "
                            + "by={} detail={}", c.clientId, p.username(), c.transport.remoteAddress(),
                    c.transport.listenerName(), outcome.reason(), outcome.decidedBy(), outcome.detail());
            c.broker.protection().events().authFailed(c.transport, p, c.clientId, outcome.reason());
            c.broker.protection().events().connectAnswered(c.transport, p, c.clientId, outcome.reason(),
                    "authentication failed by " + outcome.decidedBy() + ": " + outcome.detail());
            c.transport.sendAndClose(new ConnAckPacket(false, outcome.reason(), MqttProperties.EMPTY));
            c.onClosed();
            return;
        }
        c.identity = new ClientIdentity(c.clientId, p.username(), credentials.address(), credentials.listener(),
                outcome.superuser(), credentials.certCommonName());
        c.acl = new AclCache(c.broker.authorization(), c.identity);
        Will will = p.will();
        if (will != null && !c.acl.allowed(AclAction.PUBLISH, will.topic(), will.qos(), will.retain())) {
            Connection.EVENTS.warn("client.will_denied clientId={} username={} remote={} listener={} topic={}",
                    c.clientId, p.username(), c.transport.remoteAddress(), c.transport.listenerName(),
                    p.will().topic());
            c.broker.protection().events().connectAnswered(c.transport, p, c.clientId, ReasonCode.NOT_AUTHORIZED,
                    "will topic denied");
            c.transport.sendAndClose(new ConnAckPacket(false, ReasonCode.NOT_AUTHORIZED, MqttProperties.EMPTY));
            c.onClosed();
            return;
        }
        Connection.EVENTS.info("client.connect clientId={} remote={} listener={} version={} cleanStart={} "
                        + "keepalive={} username={} auth={}", c.clientId, c.transport.remoteAddress(),
                c.transport.listenerName(), p.version(), p.cleanStart(), p.keepAlive(), p.username(),
                outcome.decidedBy());
        acquireSession(p, assigned);
    }

    private static long sessionExpiry(ConnectPacket p, MqttSettings settings) {
        if (p.version().isV5()) {
            Long requested = p.properties().sessionExpiryInterval();
            return cappedSessionExpiry(requested == null ? 0 : requested, settings);
        }
        return p.cleanStart() ? 0 : settings.sessionExpiryInterval().toSeconds();
    }

    /** An MQTT 5 client's Session Expiry Interval, limited by mqtt.session_expiry_interval. */
    static long cappedSessionExpiry(long requested, MqttSettings settings) {
        return Math.min(requested, settings.sessionExpiryInterval().toSeconds());
    }

    private static int keepAlive(ConnectPacket p, MqttSettings settings) {
        if (p.version().isV5() && settings.serverKeepalive() != null) {
            return settings.serverKeepalive();
        }
        return Math.min(p.keepAlive(), settings.maxKeepalive());
    }

    /** Finds or creates the session; a session owned by another loop is taken over on that loop. */
    private void acquireSession(ConnectPacket p, boolean assigned) {
        Session existing = c.broker.sessions().get(c.clientId);
        if (existing == null) {
            Session fresh = new Session(c.clientId, c.transport.executor());
            if (c.broker.sessions().putIfAbsent(fresh) != null) {
                acquireSession(p, assigned);
                return;
            }
            c.broker.wills().sessionEnded(c.clientId); // a will left by an expired session goes now
            sessionReady(fresh, false, p, assigned);
            return;
        }
        existing.execute(() -> takeOver(existing, p, assigned));
    }

    /** Runs on the existing session's owner thread. */
    private void takeOver(Session existing, ConnectPacket p, boolean assigned) {
        if (existing.isDestroyed()) {
            c.transport.executor().execute(() -> acquireSession(p, assigned));
            return;
        }
        if (existing.outbound() instanceof DeliveryFlow previous) {
            previous.connection().takenOver();
        }
        if (p.cleanStart()) {
            c.lifecycle.end(existing); // publishes a pending will: the old session ended
            c.transport.executor().execute(() -> acquireSession(p, assigned));
            return;
        }
        existing.moveTo(c.transport.executor());
        c.transport.executor().execute(() -> sessionReady(existing, true, p, assigned));
    }

    /** Runs on this connection's loop, which now owns the session. */
    private void sessionReady(Session session, boolean present, ConnectPacket p, boolean assigned) {
        if (!session.owner().inEventLoop()) {
            // a newer connection with the same client id took the session over before we attached it
            Connection.EVENTS.info("client.taken_over clientId={} remote={} before CONNACK", c.clientId,
                    c.transport.remoteAddress());
            c.close();
            c.onClosed();
            return;
        }
        if (c.state != Connection.State.CONNECTING) {
            // the client went away while we were taking the session over
            c.lifecycle.detached(session);
            return;
        }
        c.session = session;
        c.broker.wills().cancel(c.clientId); // MQTT-3.1.3-9: a resumed session does not send the delayed will
        session.expiryIntervalSeconds(c.sessionExpirySeconds);
        c.lifecycle.attached(session, p.version().level());
        session.attach(c.deliveryFlow);
        c.deliveryFlow.attach(session);
        c.transport.send(new ConnAckPacket(present, ReasonCode.SUCCESS, connAckProperties(p, assigned)));
        c.broker.protection().events().connectAnswered(c.transport, p, c.clientId, ReasonCode.SUCCESS,
                present ? "session resumed" : "new session");
        c.connected();
        c.deliveryFlow.resume();
    }

    private MqttProperties connAckProperties(ConnectPacket p, boolean assigned) {
        if (!p.version().isV5()) {
            return MqttProperties.EMPTY;
        }
        MqttSettings s = c.broker.settings();
        MqttProperties.Builder b = MqttProperties.builder();
        if (c.enhancedAuthFlow.used()) { // spec 3.2.2.3.17-18: the same method, server-final
            b.authenticationMethod(c.enhancedAuthFlow.method()).authenticationData(c.enhancedAuthFlow.serverFinal());
        }
        if (assigned) {
            b.assignedClientIdentifier(c.clientId);
        }
        Long requestedExpiry = p.properties().sessionExpiryInterval();
        if (c.sessionExpirySeconds != (requestedExpiry == null ? 0 : requestedExpiry)) {
            b.sessionExpiryInterval(c.sessionExpirySeconds); // the value the server uses (3.2.2.3.2)
        }
        if (c.keepAliveSeconds != p.keepAlive()) {
            b.serverKeepAlive(c.keepAliveSeconds); // MQTT-3.2.2-21
        }
        if (s.maxInflight() < 65535) {
            b.receiveMaximum(s.maxInflight());
        }
        b.maximumPacketSize((long) s.maxPacketSize());
        if (s.maxTopicAlias() > 0) {
            b.topicAliasMaximum(s.maxTopicAlias());
        }
        if (s.maxQosAllowed() < 2) {
            b.maximumQos(s.maxQosAllowed());
        }
        if (!s.retainAvailable()) {
            b.retainAvailable(0);
        }
        if (!s.wildcardSubscription()) {
            b.wildcardSubscriptionAvailable(0);
        }
        if (!s.sharedSubscription()) {
            b.sharedSubscriptionAvailable(0);
        }
        return b.build();
    }

    private void reject(ConnectPacket p, ReasonCode reason, String why) {
        reject(p, p.clientId(), reason, why);
    }

    private void reject(ConnectPacket p, String clientId, ReasonCode reason, String why) {
        c.broker.protection().events().connectAnswered(c.transport, p, clientId, reason, why);
        Connection.EVENTS.warn("client.connect_rejected clientId={} remote={} listener={} version={} reason={} "
                + "detail={}", p.clientId(), c.transport.remoteAddress(), c.transport.listenerName(), p.version(),
                reason, why);
        c.transport.sendAndClose(new ConnAckPacket(false, reason, MqttProperties.EMPTY)); // MQTT-3.2.2-6
    }

    /** The CONNECT itself could not be decoded. */
    void rejectMalformedConnect(DecodeFailure failure, MqttVersion versionRead) {
        Connection.EVENTS.warn("client.connect_malformed remote={} listener={} reason={} detail={}",
                c.transport.remoteAddress(), c.transport.listenerName(), failure.reasonCode(), failure.message());
        if (failure.reasonCode() == ReasonCode.UNSUPPORTED_PROTOCOL_VERSION) {
            // MQTT-3.1.2-2: CONNACK 0x84 (or return code 0x01 for 3.1.1 framing), then close
            c.transport.sendAndClose(new ConnAckPacket(false, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
                    MqttProperties.EMPTY));
        } else if (versionRead != null && versionRead.isV5()) {
            // spec 3.1.4: the server MAY send CONNACK with a reason code >= 0x80 before closing
            c.transport.protocolVersion(versionRead);
            c.transport.sendAndClose(new ConnAckPacket(false, failure.reasonCode(), MqttProperties.EMPTY));
        } else {
            c.transport.close();
        }
    }
}
