package io.berth.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * MQTT over QUIC, client side: a UDP channel with the QUIC codec, one QUIC connection (TLS 1.3, ALPN
 * {@code mqtt}, the server certificate checked against the host name), and one bidirectional stream carrying the
 * MQTT bytes, whose pipeline is the usual one. Closing the stream closes the connection and the UDP channel.
 */
final class QuicConnector {

    static final String ALPN = "mqtt";

    private QuicConnector() {
    }

    /**
     * Starts connecting; returns the UDP channel (its event loop runs the QUIC connection and the stream).
     * {@code pipeline} fills the stream's pipeline; {@code session} hears of failures.
     */
    static Channel connect(ClientOptions options, EventLoopGroup group, ClientSession session,
                           Consumer<Channel> pipeline) {
        QuicSslContext ssl = (QuicSslContext) options.sslContext();
        long idleMillis = Math.max(60_000L, options.keepAliveSeconds() * 2_000L);
        ChannelHandler codec = new QuicClientCodecBuilder()
                .sslEngineProvider(ch -> ssl.newEngine(ch.alloc(), options.host(), options.port()))
                .maxIdleTimeout(idleMillis, TimeUnit.MILLISECONDS)
                .initialMaxData(16L * 1024 * 1024)
                .initialMaxStreamDataBidirectionalLocal(8L * 1024 * 1024)
                .initialMaxStreamDataBidirectionalRemote(8L * 1024 * 1024)
                .build();
        String address = options.host() + ":" + options.port();
        ChannelFuture bound = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec).bind(0);
        Channel udp = bound.channel();
        bound.addListener(f -> {
            if (!f.isSuccess()) {
                session.connectFailed(new MqttClientException("Cannot open a UDP socket: " + f.cause().getMessage(),
                        f.cause()));
                return;
            }
            InetSocketAddress remote = new InetSocketAddress(options.host(), options.port());
            if (remote.isUnresolved()) {
                udp.close();
                session.connectFailed(new MqttClientException("Unknown host: " + options.host()));
                return;
            }
            ScheduledFuture<?> timeout = udp.eventLoop().schedule(() -> fail(udp, session,
                    "no QUIC handshake with " + address + " within " + options.connectTimeout().toMillis()
                            + " ms (is a QUIC listener on that UDP port?)"),
                    options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            QuicChannel.newBootstrap(udp)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                            if (evt instanceof SslHandshakeCompletionEvent h && !h.isSuccess()) {
                                fail(udp, session, "QUIC handshake with " + address + " failed: "
                                        + h.cause().getMessage());
                            } else if (evt instanceof QuicConnectionCloseEvent close) {
                                fail(udp, session, "QUIC connection to " + address + " closed by the server"
                                        + (close.isTlsError() ? " (TLS alert: wrong ALPN or a certificate refused?)"
                                        : ""));
                            }
                            ctx.fireUserEventTriggered(evt);
                        }
                    })
                    .streamHandler(new ChannelInboundHandlerAdapter())
                    .remoteAddress(remote)
                    .connect()
                    .addListener(c -> {
                        if (!c.isSuccess()) {
                            timeout.cancel(false);
                            fail(udp, session, "QUIC handshake with " + address + " failed: "
                                    + c.cause().getMessage());
                            return;
                        }
                        QuicChannel quic = (QuicChannel) c.getNow();
                        quic.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInitializer<QuicStreamChannel>() {
                            @Override
                            protected void initChannel(QuicStreamChannel stream) {
                                timeout.cancel(false);
                                stream.closeFuture().addListener(x -> quic.close().addListener(y -> udp.close()));
                                pipeline.accept(stream);
                            }
                        }).addListener(s -> {
                            if (!s.isSuccess()) {
                                timeout.cancel(false);
                                fail(udp, session, "Cannot open a QUIC stream to " + address + ": "
                                        + s.cause().getMessage());
                            }
                        });
                    });
        });
        return udp;
    }

    private static void fail(Channel udp, ClientSession session, String message) {
        session.connectFailed(new MqttClientException(message));
        udp.close();
    }
}
