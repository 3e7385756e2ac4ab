package io.berth.server.pipeline;

import io.berth.codec.ConnectPacket;
import io.berth.server.config.PeerCertAsUsername;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.security.cert.X509Certificate;

/**
 * {@code peer_cert_as_username}: replaces the username of CONNECT with a name from the client certificate before
 * the protocol engine (and authentication) sees it. A client without a certificate keeps its own username.
 * Stateless: one shared instance per listener.
 */
@ChannelHandler.Sharable
public final class PeerCertUsername extends ChannelInboundHandlerAdapter {

    private final PeerCertAsUsername field;

    public PeerCertUsername(PeerCertAsUsername field) {
        this.field = field;
    }

    /** Tells the connection which certificate field is the client's identity (two-factor binding). */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.channel().attr(PeerCertificates.IDENTITY_FIELD).set(field);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ConnectPacket p) {
            X509Certificate cert = PeerCertificates.of(ctx.channel());
            String name = cert == null ? null : PeerCertificates.name(cert, field);
            if (name != null) {
                msg = new ConnectPacket(p.version(), p.clientId(), p.cleanStart(), p.keepAlive(), name, p.password(),
                        p.will(), p.properties());
            }
        }
        ctx.fireChannelRead(msg);
    }
}
