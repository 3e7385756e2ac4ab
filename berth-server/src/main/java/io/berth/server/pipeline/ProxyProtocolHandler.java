package io.berth.server.pipeline;

import io.berth.server.protection.ConnectionGate;
import io.netty.util.ReferenceCountUtil;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.handler.codec.ProtocolDetectionState;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Reads the PROXY protocol header (v1 or v2) a load balancer sends before anything else on a connection and makes
 * its source address the client's address ({@link ClientAddress}), for logs, ACL rules and {@code allow_anonymous}.
 * A connection that sends no valid header within the timeout is closed. One instance per channel, first in the
 * pipeline (before TLS); it leaves the pipeline once the header is read. A {@code LOCAL} header (a proxy's health
 * check) keeps the socket's own address.
 */
public final class ProxyProtocolHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger("event.listener");

    private final String listenerId;
    private final Duration timeout;
    private final ConnectionGate gate;
    private ScheduledFuture<?> deadline;
    private boolean refused;

    /**
     * @param gate the listener's accept-time gate, asked once the header names the client (the socket's own address
     *             is the load balancer's)
     */
    public ProxyProtocolHandler(String listenerId, Duration timeout, ConnectionGate gate) {
        this.listenerId = listenerId;
        this.timeout = timeout;
        this.gate = gate;
    }

    /** Adds the PROXY header decoder and this handler at the head of {@code pipeline}. */
    public static void install(ChannelPipeline pipeline, String listenerId, Duration timeout, ConnectionGate gate) {
        pipeline.addFirst(ChannelHandlerNames.PROXY_PROTOCOL, new ProxyProtocolHandler(listenerId, timeout, gate));
        pipeline.addFirst(ChannelHandlerNames.PROXY_PROTOCOL_DECODER, new HAProxyMessageDecoder());
        pipeline.addFirst(ChannelHandlerNames.PROXY_PROTOCOL_SNIFFER, new Sniffer(listenerId));
    }

    /**
     * Closes at once a connection whose first bytes cannot start a PROXY header (a client connecting directly), where
     * the decoder alone would wait for a line end until the timeout.
     */
    private static final class Sniffer extends ChannelInboundHandlerAdapter {
        private final String listenerId;

        Sniffer(String listenerId) {
            this.listenerId = listenerId;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf
                    && HAProxyMessageDecoder.detectProtocol(buf).state() == ProtocolDetectionState.INVALID) {
                buf.release();
                LOG.warn("proxy_protocol.invalid listener={} remote={} reason=the connection does not start with a "
                        + "PROXY protocol v1 or v2 header (a client connecting directly, not through the proxy?)",
                        listenerId, ctx.channel().remoteAddress());
                ctx.close();
                return;
            }
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            LOG.warn("proxy_protocol.timeout listener={} remote={} timeout={}ms: no PROXY protocol header arrived",
                    listenerId, ctx.channel().remoteAddress(), timeout.toMillis());
            ctx.close();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            if (refused) {
                ReferenceCountUtil.release(msg); // bytes after the header of a connection the gate closed
                return;
            }
            ctx.fireChannelRead(msg); // not reached: the decoder sends the header first or fails
            return;
        }
        try {
            cancelDeadline();
            if (header.command() == HAProxyCommand.PROXY && header.proxiedProtocol() != HAProxyProxiedProtocol.UNKNOWN
                    && header.sourceAddress() != null) {
                InetSocketAddress client = new InetSocketAddress(literal(header.sourceAddress()), header.sourcePort());
                ctx.channel().attr(ClientAddress.KEY).set(client);
                ctx.channel().attr(ClientAddress.FORWARDED).set(format(client));
                LOG.debug("proxy_protocol.header listener={} proxy={} client={} version={}", listenerId,
                        ctx.channel().remoteAddress(), format(client), header.protocolVersion());
            }
        } catch (UnknownHostException e) {
            LOG.warn("proxy_protocol.invalid listener={} remote={} reason=source address {} is not an IP address",
                    listenerId, ctx.channel().remoteAddress(), header.sourceAddress());
            ctx.close();
            return;
        } finally {
            header.release();
        }
        SocketAddress named = ctx.channel().attr(ClientAddress.KEY).get();
        SocketAddress judged = named != null ? named : ctx.channel().remoteAddress();
        if (!gate.admit(ctx.channel(), judged instanceof InetSocketAddress inet ? inet : null)) {
            refused = true; // closed by the gate; anything read after the header is dropped here
            return;
        }
        ctx.pipeline().remove(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.pipeline().get(ChannelHandlerNames.PROXY_PROTOCOL_DECODER) != null
                || cause instanceof io.netty.handler.codec.DecoderException) {
            cancelDeadline();
            LOG.warn("proxy_protocol.invalid listener={} remote={} reason={} (this listener expects a PROXY protocol "
                    + "v1 or v2 header first)", listenerId, ctx.channel().remoteAddress(), rootMessage(cause));
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelDeadline();
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    /** The address as given (the decoder has checked it is an IP literal): no DNS lookup. */
    private static InetAddress literal(String address) throws UnknownHostException {
        if (!address.matches("[0-9A-Fa-f:.]+")) {
            throw new UnknownHostException(address);
        }
        return InetAddress.getByName(address);
    }

    private static String format(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
