package io.berth.server.pipeline;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enforces a listener's {@code max_connections}: a connection over the limit is closed as soon as it is
 * accepted, before any MQTT work. Shared by the listener's channels.
 */
@ChannelHandler.Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger("event.listener");

    private final String listenerName;
    private final int maxConnections;
    private final AtomicInteger current = new AtomicInteger();

    public ConnectionLimiter(String listenerName, int maxConnections) {
        this.listenerName = listenerName;
        this.maxConnections = maxConnections;
    }

    public int current() {
        return current.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (current.incrementAndGet() > maxConnections) {
            current.decrementAndGet();
            LOG.warn("listener.max_connections listener={} remote={} limit={}", listenerName,
                    ctx.channel().remoteAddress(), maxConnections);
            ctx.channel().attr(REFUSED).set(Boolean.TRUE);
            ctx.close();
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ctx.channel().attr(REFUSED).get() == null) {
            current.decrementAndGet();
            ctx.fireChannelInactive();
        }
    }

    private static final io.netty.util.AttributeKey<Boolean> REFUSED =
            io.netty.util.AttributeKey.valueOf("berth.refused");
}
