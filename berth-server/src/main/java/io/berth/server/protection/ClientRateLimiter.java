package io.berth.server.protection;

import io.berth.codec.PublishPacket;
import io.berth.core.limit.TokenBucket;
import io.berth.server.config.ListenerProtection;
import io.berth.server.config.Rate;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A client's {@code messages_rate} and {@code bytes_rate}, enforced by back-pressure, never by dropping. What the
 * rate does not allow yet is held (at most what one socket read brought in, since reading stops at once:
 * {@code autoRead} off) and passed on, in order, as tokens come back; then reading resumes. The client's TCP window
 * fills meanwhile, so it slows down. One instance per channel, everything on its event loop:
 * {@link #bytesHandler()} sits next to the socket, {@link #messagesHandler()} after the MQTT decoder.
 */
public final class ClientRateLimiter {

    /** Set by the listener's gate on channels of a listener with per-client rates. */
    public static final AttributeKey<ListenerProtection> RATES = AttributeKey.valueOf("berth.clientRates");

    private final TokenBucket messages;
    private final TokenBucket bytes;
    private int holding;

    public ClientRateLimiter(Rate messagesRate, Rate bytesRate) {
        this.messages = messagesRate == null ? null : TokenBucket.perSecond(messagesRate.perSecond());
        this.bytes = bytesRate == null ? null : TokenBucket.perSecond(bytesRate.perSecond());
    }

    /** The limiter for a channel whose gate set {@link #RATES}, or null when its listener has no per-client rate. */
    public static ClientRateLimiter of(Channel ch) {
        ListenerProtection p = ch.attr(RATES).get();
        return p == null || (p.messagesRate() == null && p.bytesRate() == null) ? null
                : new ClientRateLimiter(p.messagesRate(), p.bytesRate());
    }

    /** Meters raw bytes read; put it first in the pipeline. */
    public ChannelInboundHandlerAdapter bytesHandler() {
        return bytes == null ? new ChannelInboundHandlerAdapter() : new Held() {
            @Override
            boolean pass(ChannelHandlerContext ctx, Object msg) {
                if (!(msg instanceof ByteBuf buf)) {
                    return true;
                }
                long n = bytes.takeUpTo(buf.readableBytes());
                if (n == buf.readableBytes()) {
                    return true;
                }
                if (n > 0) {
                    ctx.fireChannelRead(buf.readRetainedSlice((int) n)); // what the rate allows now goes on
                }
                return false;
            }

            @Override
            long wait(Object msg) {
                return bytes.nanosUntil(Math.min(((ByteBuf) msg).readableBytes(), 1024));
            }
        };
    }

    /** Meters PUBLISH packets; put it after the MQTT decoder. */
    public ChannelInboundHandlerAdapter messagesHandler() {
        return messages == null ? new ChannelInboundHandlerAdapter() : new Held() {
            @Override
            boolean pass(ChannelHandlerContext ctx, Object msg) {
                return !(msg instanceof PublishPacket) || messages.tryTake();
            }

            @Override
            long wait(Object msg) {
                return messages.nanosUntil(1);
            }
        };
    }

    /** Holds what its rate does not allow yet, in order, and passes it on when it does. */
    private abstract class Held extends ChannelInboundHandlerAdapter {

        private final ArrayDeque<Object> queue = new ArrayDeque<>();
        private boolean scheduled;

        /** Whether {@code msg} may go on now; may pass part of it on and keep the rest (returning false). */
        abstract boolean pass(ChannelHandlerContext ctx, Object msg);

        /** Nanoseconds until the held {@code msg} may go on. */
        abstract long wait(Object msg);

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (queue.isEmpty() && pass(ctx, msg)) {
                ctx.fireChannelRead(msg);
                return;
            }
            if (queue.isEmpty()) {
                hold(ctx.channel());
            }
            queue.add(msg);
            schedule(ctx, msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.fireChannelReadComplete();
        }

        private void drain(ChannelHandlerContext ctx) {
            scheduled = false;
            if (!ctx.channel().isActive()) {
                return; // released by channelInactive
            }
            boolean passed = false;
            Object head;
            while ((head = queue.peek()) != null) {
                if (!pass(ctx, head)) {
                    passed = true; // a partial ByteBuf may have gone on
                    schedule(ctx, head);
                    break;
                }
                queue.poll();
                ctx.fireChannelRead(head);
                passed = true;
            }
            if (passed) {
                ctx.fireChannelReadComplete(); // lets the MQTT handler flush what it answered
            }
            if (queue.isEmpty()) {
                release(ctx.channel());
            }
        }

        private void schedule(ChannelHandlerContext ctx, Object msg) {
            if (!scheduled) {
                scheduled = true;
                long nanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), wait(msg));
                ctx.executor().schedule(() -> drain(ctx), nanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Object msg;
            while ((msg = queue.poll()) != null) {
                if (msg instanceof PublishPacket p) {
                    p.release();
                } else {
                    ReferenceCountUtil.release(msg);
                }
            }
            ctx.fireChannelInactive();
        }
    }

    private void hold(Channel ch) {
        if (holding++ == 0) {
            ch.config().setAutoRead(false);
        }
    }

    private void release(Channel ch) {
        if (--holding == 0 && ch.isActive()) {
            ch.config().setAutoRead(true);
        }
    }
}
