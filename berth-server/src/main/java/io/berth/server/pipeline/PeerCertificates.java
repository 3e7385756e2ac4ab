package io.berth.server.pipeline;

import io.berth.server.config.PeerCertAsUsername;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

/** The client certificate of a TLS connection, and the names {@code peer_cert_as_username} takes from it. */
public final class PeerCertificates {

    /** The listener's {@code peer_cert_as_username} field, set on channels where it is not disabled. */
    public static final AttributeKey<PeerCertAsUsername> IDENTITY_FIELD =
            AttributeKey.valueOf("berth.peerCertAsUsername");

    private static final List<Integer> SAN_TYPES = List.of(2, 7, 1, 6); // dNSName, iPAddress, rfc822Name, URI

    private PeerCertificates() {
    }

    /** The verified client certificate, or null (no TLS, no certificate sent, handshake not finished). */
    public static X509Certificate of(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return null;
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
    }

    /** The client's certificate identity: the listener's peer_cert_as_username field, else the CN; or null. */
    public static String identity(Channel channel) {
        X509Certificate cert = of(channel);
        if (cert == null) {
            return null;
        }
        PeerCertAsUsername field = ClientAddress.get(channel, IDENTITY_FIELD);
        return name(cert, field == null || field == PeerCertAsUsername.DISABLED ? PeerCertAsUsername.CN : field);
    }

    /** The part of the certificate {@code field} names, or null when the certificate has none. */
    public static String name(X509Certificate cert, PeerCertAsUsername field) {
        return switch (field) {
            case DISABLED -> null;
            case DN -> cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
            case CN -> commonName(cert);
            case SAN -> firstSan(cert);
        };
    }

    private static String commonName(X509Certificate cert) {
        try {
            LdapName dn = new LdapName(cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
            for (Rdn rdn : dn.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
            return null;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    private static String firstSan(X509Certificate cert) {
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans == null) {
                return null;
            }
            for (int type : SAN_TYPES) {
                for (List<?> san : sans) {
                    if (((Integer) san.get(0)) == type && san.get(1) instanceof String s) {
                        return s;
                    }
                }
            }
            return null;
        } catch (CertificateParsingException e) {
            return null;
        }
    }
}
