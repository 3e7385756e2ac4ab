package io.berth.server.pipeline;

import io.berth.core.metrics.BrokerMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.berth.server.protection.ListenerTraffic;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** Counts bytes in and out for $SYS and metrics, in total and per listener. Stateless: one shared instance. */
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
                ListenerTraffic listener = listener(ctx, stats);
                if (listener != null) {
                    listener.bytesIn(buf.readableBytes());
                }
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
                ListenerTraffic listener = listener(ctx, stats);
                if (listener != null) {
                    listener.bytesOut(buf.readableBytes());
                }
            }
        }
        ctx.write(msg, promise);
    }

    /** The listener's counters, looked up once per connection (the gate may admit it after the pipeline is built). */
    private static ListenerTraffic listener(ChannelHandlerContext ctx, ConnectionStats stats) {
        if (stats.listener == null) {
            stats.listener = ListenerTraffic.of(ctx.channel());
        }
        return stats.listener;
    }
}
