package io.berth.server.listener;

import io.berth.codec.ReasonCode;
import io.berth.server.pipeline.PeerCertificates;
import io.netty.channel.group.ChannelGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Closes the open connections of a TLS listener whose client certificate a newly loaded CRL revokes: a handshake
 * checks the CRL once, so without this a revoked device would stay connected until it reconnects. MQTT 5 clients get
 * DISCONNECT 0x87 (Not authorized); wills are published as for any connection the server closes.
 */
final class RevokedClients {

    private static final Logger LOG = LoggerFactory.getLogger("event.tls");

    private RevokedClients() {
    }

    /** Checks every connection of listener {@code id}, each on its own event loop; returns at once. */
    static void disconnect(String id, ChannelGroup allChannels, List<X509CRL> crls) {
        ListenerConnections.forEach(id, allChannels, (ch, h) -> ch.eventLoop().execute(() -> {
            X509Certificate cert = PeerCertificates.of(ch);
            if (cert == null || !revoked(cert, crls) || !ch.isActive()) {
                return;
            }
            String clientId = h.connection() != null ? h.connection().clientId() : null;
            LOG.warn("tls.client_revoked listener={} clientId={} remote={} serial={} subject={} reason=the "
                    + "reloaded CRL revokes this client certificate: disconnected", id, clientId,
                    ch.remoteAddress(), cert.getSerialNumber().toString(16),
                    cert.getSubjectX500Principal().getName());
            if (h.connection() != null) {
                h.connection().disconnect(ReasonCode.NOT_AUTHORIZED);
            } else {
                ch.close();
            }
        }));
    }

    /** Whether a CRL of the certificate's issuer lists its serial number. */
    static boolean revoked(X509Certificate cert, List<X509CRL> crls) {
        for (X509CRL crl : crls) {
            if (crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal()) && crl.isRevoked(cert)) {
                return true;
            }
        }
        return false;
    }
}
