package io.berth.server.config;

import java.util.Locale;

/** Which part of a client certificate becomes the MQTT username ({@code peer_cert_as_username}). */
public enum PeerCertAsUsername {
    /** The username is the one the client sent. */
    DISABLED,
    /** The subject's Common Name. */
    CN,
    /** The whole subject Distinguished Name (RFC 2253). */
    DN,
    /** The first DNS, IP, e-mail or URI Subject Alternative Name. */
    SAN;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PeerCertAsUsername of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
