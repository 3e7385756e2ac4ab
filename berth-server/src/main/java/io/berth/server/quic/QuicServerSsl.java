package io.berth.server.quic;

import io.berth.server.config.QuicSslOptions;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.ssl.ClientAuth;

/** Builds the TLS 1.3 context of a QUIC listener from its {@code ssl_options}. */
final class QuicServerSsl {

    /** The ALPN protocol id of MQTT over QUIC; a client offering anything else fails the handshake. */
    static final String ALPN = "mqtt";

    private QuicServerSsl() {
    }

    /**
     * @throws IllegalArgumentException if a file does not hold what it should (message names the file)
     */
    static QuicSslContext context(QuicSslOptions options) {
        QuicSslContextBuilder builder;
        try {
            builder = QuicSslContextBuilder.forServer(options.keyfile().toFile(), null, options.certfile().toFile());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot load certfile " + options.certfile() + " with keyfile "
                    + options.keyfile() + ": " + rootMessage(e), e);
        }
        if (options.verifyPeer()) {
            try {
                builder.trustManager(options.cacertfile().toFile());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot load cacertfile " + options.cacertfile() + ": "
                        + rootMessage(e), e);
            }
        }
        builder.clientAuth(!options.verifyPeer() ? ClientAuth.NONE
                : options.failIfNoPeerCert() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        builder.applicationProtocols(ALPN);
        try {
            return builder.build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot use certfile " + options.certfile() + " / keyfile "
                    + options.keyfile() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
