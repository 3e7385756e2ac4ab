package io.berth.server.management;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands each HTTP request to its route, on the event loop for quick routes and on the management executor for
 * blocking ones, and writes the answer as JSON. Never blocks the event loop. Shared by the endpoint's connections.
 */
@ChannelHandler.Sharable
final class HttpDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger("event.management");

    private final Router router;
    private final Executor blockingExecutor;

    HttpDispatcher(Router router, Executor blockingExecutor) {
        this.router = router;
        this.blockingExecutor = blockingExecutor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!req.decoderResult().isSuccess()) {
            respond(ctx, ApiResponse.error(400, "BAD_REQUEST", "malformed HTTP request"), false);
            return;
        }
        String method = req.method().name();
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path = uri.rawPath();
        Router.Match match;
        try {
            match = router.match(method, path);
        } catch (ApiException e) {
            respond(ctx, e.response(), keepAlive);
            return;
        }
        ApiRequest request = new ApiRequest(method, path, match.params(), ByteBufUtil.getBytes(req.content()),
                uri.parameters());
        if (!match.route().blocking()) {
            respond(ctx, invoke(match.route(), request), keepAlive);
            return;
        }
        try {
            blockingExecutor.execute(() -> respond(ctx, invoke(match.route(), request), keepAlive));
        } catch (RejectedExecutionException e) {
            respond(ctx, ApiResponse.error(503, "SERVICE_UNAVAILABLE", "the broker is shutting down"), false);
        }
    }

    private static ApiResponse invoke(Router.Route route, ApiRequest request) {
        try {
            ApiResponse response = route.handler().handle(request);
            LOG.debug("management.request method={} path={} status={}", request.method(), request.path(),
                    response.status());
            return response;
        } catch (ApiException e) {
            LOG.info("management.request_refused method={} path={} reason={}", request.method(), request.path(),
                    e.getMessage());
            return e.response();
        } catch (RuntimeException e) {
            LOG.error("management.request_failed method={} path={} reason={}", request.method(), request.path(),
                    e.toString());
            LOG.debug("management.request_failed", e);
            return ApiResponse.error(500, "INTERNAL_ERROR", String.valueOf(e.getMessage()));
        }
    }

    /** Writes the answer; safe from any thread (Netty hands the write to the channel's event loop). */
    private static void respond(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
        boolean text = response.contentType() != null;
        byte[] body = response.body() == null ? new byte[0]
                : response.body() instanceof StaticFile file ? file.bytes()
                : text ? response.body().toString().getBytes(StandardCharsets.UTF_8) : Json.write(response.body());
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(body));
        if (body.length > 0) {
            res.headers().set(HttpHeaderNames.CONTENT_TYPE,
                    text ? response.contentType() : HttpHeaderValues.APPLICATION_JSON);
        }
        if (response.body() instanceof StaticFile file) {
            file.addHeaders(res.headers());
        }
        HttpUtil.setContentLength(res, body.length);
        HttpUtil.setKeepAlive(res, keepAlive);
        var written = ctx.writeAndFlush(res);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("management.io_error remote={}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
