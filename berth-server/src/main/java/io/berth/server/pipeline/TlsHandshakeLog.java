package io.berth.server.pipeline;

import io.netty.channel.ChannelHandler;
import io.berth.server.protection.TlsFailureAlarm;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Sits after the {@link SslHandler}: logs each failed handshake once, with the reason an operator needs (plain
 * MQTT sent to the TLS port, an old TLS version, an unknown CA, a revoked certificate...), and closes the
 * connection. The listener keeps serving everyone else. Stateless: one shared instance per listener.
 */
@ChannelHandler.Sharable
public final class TlsHandshakeLog extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger("event.tls");

    private final String listenerName;

    public TlsHandshakeLog(String listenerName) {
        this.listenerName = listenerName;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                if (LOG.isDebugEnabled()) {
                    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
                    LOG.debug("tls.handshake_done listener={} remote={} protocol={} cipher={}", listenerName,
                            ctx.channel().remoteAddress(), ssl.engine().getSession().getProtocol(),
                            ssl.engine().getSession().getCipherSuite());
                }
            } else {
                LOG.warn("tls.handshake_failed listener={} remote={} reason={}", listenerName,
                        ctx.channel().remoteAddress(), reason(done.cause()));
                LOG.debug("stack trace", done.cause());
                TlsFailureAlarm failures = ctx.channel().attr(TlsFailureAlarm.KEY).get();
                if (failures != null) {
                    failures.failed(listenerName, ctx.channel().remoteAddress());
                }
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isTls(cause)) {
            ctx.close(); // logged once, by the handshake event
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private static boolean isTls(Throwable cause) {
        Throwable t = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        return t instanceof SSLException;
    }

    /** Every distinct message along the cause chain, most general first, with a hint for plain-text clients. */
    static String reason(Throwable cause) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = cause; t != null && parts.size() < 6; t = t.getCause()) {
            if (t instanceof NotSslRecordException) {
                return "not a TLS record: the client sent plain data (plain MQTT or HTTP?) to a TLS port; use the "
                        + "plain port or enable TLS in the client";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                String m = t.getMessage();
                parts.removeIf(m::contains);
                if (parts.stream().noneMatch(p -> p.contains(m))) {
                    parts.add(m);
                }
            }
        }
        String raw = parts.isEmpty() ? String.valueOf(cause) : String.join(": ", parts);
        String hint = hint(raw);
        return hint == null ? raw : hint + " (" + raw + ")";
    }

    /** What an operator should know, for the failures seen most; null when the raw message must do. */
    private static String hint(String raw) {
        if (raw.contains("revoked")) {
            return "client certificate revoked by the CRL";
        }
        if (raw.contains("NotAfter") || raw.contains("expired")) {
            return "client certificate expired";
        }
        if (raw.contains("NotBefore")) {
            return "client certificate not yet valid";
        }
        if (raw.contains("PEER_DID_NOT_RETURN_A_CERTIFICATE") || raw.contains("Empty client certificate chain")
                || raw.contains("certificate_required")) {
            return "client sent no certificate and this listener requires one (fail_if_no_peer_cert)";
        }
        if (raw.contains("unable to find valid certification path") || raw.contains("PKIX path building failed")
                || raw.contains("No trusted certificate") || raw.contains("not trusted")) {
            return "client certificate not signed by a CA in cacertfile";
        }
        if (raw.contains("UNSUPPORTED_PROTOCOL") || raw.contains("protocol_version")
                || raw.contains("NO_SUPPORTED_VERSIONS") || raw.contains("not supported or disabled")) {
            return "client offered no TLS version this listener accepts (ssl_options.versions)";
        }
        if (raw.contains("NO_SHARED_CIPHER") || raw.contains("no cipher suites in common")) {
            return "no cipher suite in common with the client (ssl_options.ciphers)";
        }
        if (raw.contains("CERTIFICATE_UNKNOWN") || raw.contains("UNKNOWN_CA") || raw.contains("BAD_CERTIFICATE")
                || raw.contains("certificate_unknown") || raw.contains("unknown_ca")) {
            return "the client does not trust the server certificate (give it the CA, e.g. certs/ca.pem)";
        }
        return null;
    }
}
