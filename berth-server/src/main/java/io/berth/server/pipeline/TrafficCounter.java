package io.berth.server.pipeline;

import io.berth.core.metrics.BrokerMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** Counts bytes in and out for $SYS and metrics. Stateless: one shared instance. */
@ChannelHandler.Sharable
public final class TrafficCounter extends ChannelDuplexHandler {

    private final BrokerMetrics metrics;

    public TrafficCounter(BrokerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            metrics.bytesReceived(buf.readableBytes());
            ConnectionStats stats = ConnectionStats.of(ctx.channel());
            if (stats != null) {
                stats.bytesIn += buf.readableBytes();
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            metrics.bytesSent(buf.readableBytes());
            ConnectionStats stats = ConnectionStats.of(ctx.channel());
            if (stats != null) {
                stats.bytesOut += buf.readableBytes();
            }
        }
        ctx.write(msg, promise);
    }
}
