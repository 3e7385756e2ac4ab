package io.berth.server.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.PromiseNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;

/**
 * Between WebSocket frames and the MQTT byte stream. Inbound, the payload of each binary frame goes on as bytes,
 * so the MQTT decoder reassembles packets split across frames and splits frames holding several packets.
 * Outbound, the buffers written until a flush (a PUBLISH's header and its shared payload, other packets) become
 * one binary frame over a composite buffer: no copies. One instance per channel, on its event loop.
 */
final class WebSocketFrames extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger("event.listener");

    private final String listenerName;
    private CompositeByteBuf pending;
    private final List<ChannelPromise> pendingPromises = new ArrayList<>();

    WebSocketFrames(String listenerName) {
        this.listenerName = listenerName;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
            ctx.fireChannelRead(((io.netty.buffer.ByteBufHolder) msg).content());
        } else if (msg instanceof TextWebSocketFrame) {
            ReferenceCountUtil.release(msg);
            LOG.warn("websocket.text_frame listener={} remote={}: MQTT needs binary frames; closing", listenerName,
                    ctx.channel().remoteAddress());
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE))
                    .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            if (pending == null) {
                pending = ctx.alloc().compositeBuffer(64);
            }
            pending.addComponent(true, buf);
            pendingPromises.add(promise);
            return;
        }
        writePending(ctx);
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        writePending(ctx);
        ctx.flush();
    }

    private void writePending(ChannelHandlerContext ctx) {
        if (pending == null) {
            return;
        }
        CompositeByteBuf payload = pending;
        pending = null;
        ChannelPromise[] promises = pendingPromises.stream().filter(p -> !p.isVoid()).toArray(ChannelPromise[]::new);
        pendingPromises.clear();
        ChannelFuture written = ctx.write(new BinaryWebSocketFrame(payload));
        if (promises.length > 0) {
            written.addListener(new PromiseNotifier<>(promises));
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discardPending();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        writePending(ctx);
        ctx.flush();
        ctx.close(promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discardPending();
        ctx.fireChannelInactive();
    }

    private void discardPending() {
        if (pending != null) {
            pending.release();
            pending = null;
            ClosedChannelException closed = new ClosedChannelException();
            pendingPromises.forEach(p -> p.tryFailure(closed));
            pendingPromises.clear();
        }
    }
}
