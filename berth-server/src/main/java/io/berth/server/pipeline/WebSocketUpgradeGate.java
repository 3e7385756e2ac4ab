package io.berth.server.pipeline;

import io.berth.server.config.WebSocketOptions;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Checks the HTTP request before the WebSocket handshake: the MQTT path (else 404), a WebSocket upgrade (else 400)
 * and an MQTT subprotocol (else 400), each refusal logged with the reason. Records the proxy-reported client
 * address when configured. Passes the request on and leaves the pipeline once it has accepted it. One per channel.
 */
final class WebSocketUpgradeGate extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger("event.listener");
    private static final List<String> SUBPROTOCOLS = List.of(WebSocketChannelInitializer.SUBPROTOCOLS.split(","));

    private final String listenerName;
    private final WebSocketOptions options;

    WebSocketUpgradeGate(String listenerName, WebSocketOptions options) {
        super(FullHttpRequest.class, false);
        this.listenerName = listenerName;
        this.options = options;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        String path = new QueryStringDecoder(req.uri()).path();
        String refusal = null;
        HttpResponseStatus status = HttpResponseStatus.BAD_REQUEST;
        if (!req.decoderResult().isSuccess()) {
            refusal = "malformed HTTP request";
        } else if (!path.equals(options.mqttPath())) {
            status = HttpResponseStatus.NOT_FOUND;
            refusal = "path " + path + " is not the MQTT path " + options.mqttPath();
        } else if (!req.method().equals(HttpMethod.GET)
                || !req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            refusal = "not a WebSocket upgrade (expected GET with Upgrade: websocket)";
        } else if (offered(req).stream().noneMatch(SUBPROTOCOLS::contains)) {
            String got = req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
            refusal = "Sec-WebSocket-Protocol must offer one of " + SUBPROTOCOLS + ", got "
                    + (got == null ? "none" : "\"" + got + "\"");
        }
        if (options.proxyAddressHeader() != null) {
            String forwarded = req.headers().get(options.proxyAddressHeader());
            if (forwarded != null && !forwarded.isBlank()) {
                ctx.channel().attr(ClientAddress.FORWARDED).set(forwarded.split(",")[0].trim());
            }
        }
        if (refusal != null) {
            String client = ctx.channel().attr(ClientAddress.FORWARDED).get();
            LOG.warn("websocket.rejected listener={} remote={} status={} reason={}", listenerName,
                    client != null ? client : ctx.channel().remoteAddress(), status.code(), refusal);
            req.release();
            respond(ctx, status, refusal);
            return;
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(req);
    }

    private static List<String> offered(FullHttpRequest req) {
        String header = req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        return header == null ? List.of() : Arrays.stream(header.split(",")).map(String::trim).toList();
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String reason) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(reason + "\n", StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
}
