package io.berth.core.protocol;

import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.core.auth.CertificateNames;
import io.netty.util.concurrent.EventExecutor;

import java.net.InetAddress;
import java.security.cert.X509Certificate;

/**
 * What the protocol engine needs from a network connection, whatever carries it (TCP, TLS, WebSocket,
 * QUIC). Implemented by the server's transports; every method is called on {@link #executor()}.
 */
public interface Transport {

    /** The event loop that owns this connection. */
    EventExecutor executor();

    /**
     * Queues a packet for writing. Flushes are consolidated: the transport flushes at the end of the current
     * read batch, or soon after when the write did not come from a read. A PUBLISH's payload reference is
     * handed over to the transport.
     */
    void send(MqttPacket packet);

    /** Writes the packet, flushes, then closes the connection. */
    void sendAndClose(MqttPacket packet);

    /** Closes the connection after flushing what was written. */
    void close();

    /** Tells the codec which protocol version to encode with (learnt from CONNECT). */
    void protocolVersion(MqttVersion version);

    /** The peer's address, for logs ("203.0.113.7:51234"). */
    String remoteAddress();

    /** The peer's IP address, for authentication and ACL rules; null if the transport has none. */
    InetAddress remoteInetAddress();

    /** The name of the listener that accepted the connection ("tcp:default"). */
    String listenerName();

    /**
     * The client's verified TLS certificate, for authentication; null when the transport has no TLS or the client
     * sent none.
     */
    default X509Certificate peerCertificate() {
        return null;
    }

    /**
     * Whether the broker has stopped reading this connection for now (per-client rate back-pressure); time spent so
     * counts as activity for the keepalive check, since the client's packets wait in the socket, unread.
     */
    default boolean readPaused() {
        return false;
    }

    /**
     * The name the verified client certificate gives the client: the field the listener's
     * {@code peer_cert_as_username} names, else the Common Name; null without a certificate.
     */
    default String peerCertificateIdentity() {
        return CertificateNames.commonName(peerCertificate());
    }
}
