package io.berth.server.management;

import io.berth.server.management.auth.AccessDeniedException;
import io.berth.server.management.auth.AuditTrail;
import io.berth.server.management.auth.Caller;
import io.berth.server.management.auth.RequestAuthenticator;
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

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands each HTTP request to its route, on the event loop for quick routes and on the management executor for
 * blocking ones, and writes the answer as JSON. Never blocks the event loop. Shared by the endpoint's connections.
 *
 * <p>Every path under {@code /api/} but {@value #LOGIN_PATH} needs credentials (401 otherwise, before the path is
 * even looked up, so the API does not tell strangers which paths exist); a viewer may only GET (403). Other paths
 * ({@code /metrics}, the dashboard's files) are public.
 */
@ChannelHandler.Sharable
final class HttpDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger("event.management");

    /** The one API path that needs no credentials. */
    static final String LOGIN_PATH = "/api/v5/login";

    private final Router router;
    private final Executor blockingExecutor;
    private final RequestAuthenticator authenticator;
    private final AuditTrail audit;

    HttpDispatcher(Router router, Executor blockingExecutor, RequestAuthenticator authenticator, AuditTrail audit) {
        this.router = router;
        this.blockingExecutor = blockingExecutor;
        this.authenticator = authenticator;
        this.audit = audit;
    }

    /** Whether {@code path} needs credentials. */
    static boolean isProtected(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return (p.equals("/api") || p.startsWith("/api/")) && !p.equals(LOGIN_PATH);
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
        String remote = remoteIp(ctx);
        Caller caller = Caller.anonymous(remote);
        if (isProtected(path)) {
            try {
                caller = authenticator.authenticate(req.headers().get(HttpHeaderNames.AUTHORIZATION), remote);
            } catch (AccessDeniedException e) {
                LOG.info("management.unauthorized method={} path={} remote={} reason={}", method, path, remote,
                        e.getMessage());
                answer(ctx, caller, method, path, ApiResponse.error(401, "UNAUTHORIZED", e.getMessage())
                        .withHeader("WWW-Authenticate", "Bearer realm=\"berth\""), keepAlive);
                return;
            }
        }
        Router.Match match;
        try {
            match = router.match(method, path);
        } catch (ApiException e) {
            answer(ctx, caller, method, path, e.response(), keepAlive);
            return;
        }
        if (!caller.isAnonymous() && !match.route().anyRole() && !caller.role().allows(method)) {
            LOG.info("management.forbidden method={} path={} who={} role={} remote={}", method, path, caller.name(),
                    caller.role().key(), remote);
            answer(ctx, caller, method, path, ApiResponse.error(403, "FORBIDDEN", "role " + caller.role().key() + " may only read (GET); "
                    + method + " " + path + " needs an administrator"), keepAlive);
            return;
        }
        ApiRequest request = new ApiRequest(method, path, match.params(), ByteBufUtil.getBytes(req.content()),
                caller, uri.parameters());
        if (!match.route().blocking()) {
            answer(ctx, request, invoke(match.route(), request), keepAlive);
            return;
        }
        try {
            blockingExecutor.execute(() -> answer(ctx, request, invoke(match.route(), request), keepAlive));
        } catch (RejectedExecutionException e) {
            answer(ctx, request, ApiResponse.error(503, "SERVICE_UNAVAILABLE", "the broker is shutting down"), false);
        }
    }

    private void answer(ChannelHandlerContext ctx, ApiRequest request, ApiResponse response, boolean keepAlive) {
        answer(ctx, request.caller(), request.method(), request.path(), response, keepAlive);
    }

    /** Writes the request to the audit log (if it is a change) and answers it. */
    private void answer(ChannelHandlerContext ctx, Caller caller, String method, String path, ApiResponse response,
                        boolean keepAlive) {
        audit.record(caller, method, path, response.status());
        respond(ctx, response, keepAlive);
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
        response.headers().forEach((name, value) -> res.headers().set(name, value));
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

    private static String remoteIp(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("management.io_error remote={}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
