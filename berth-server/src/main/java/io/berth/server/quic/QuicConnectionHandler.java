package io.berth.server.quic;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClosedChannelException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLHandshakeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Watches one QUIC connection: logs a failed handshake (wrong ALPN, bad client certificate) with the reason, refuses
 * connections once the listener stops accepting, and closes a connection that opens no MQTT stream within
 * {@code mqtt.idle_timeout}, the time a TCP client has to send CONNECT. One instance per QUIC connection; runs on
 * its event loop.
 */
final class QuicConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger("event.listener");

    /** Set on the QUIC connection once its MQTT stream is open. */
    private static final AttributeKey<Boolean> MQTT_STREAM = AttributeKey.valueOf("berth.quic.mqttStream");

    /** QUIC application error code for a normal close (MQTT says why on the stream). */
    private static final int NO_ERROR = 0;

    private final String listenerName;
    private final Duration streamTimeout;
    private final BooleanSupplier accepting;
    private ScheduledFuture<?> streamTimer;

    QuicConnectionHandler(String listenerName, Duration streamTimeout, BooleanSupplier accepting) {
        this.listenerName = listenerName;
        this.streamTimeout = streamTimeout;
        this.accepting = accepting;
    }

    /** Marks the connection's MQTT stream as open; false if it already has one. Event loop of the connection. */
    static boolean claimMqttStream(QuicChannel connection) {
        return connection.attr(MQTT_STREAM).setIfAbsent(Boolean.TRUE) == null;
    }

    /** Closes the QUIC connection with application error 0, after what the stream wrote is handed to QUIC. */
    static void closeGracefully(QuicChannel connection) {
        if (connection.isOpen()) {
            connection.close(true, NO_ERROR, Unpooled.EMPTY_BUFFER);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        QuicChannel connection = (QuicChannel) ctx.channel();
        if (!accepting.getAsBoolean()) {
            LOG.info("listener.refused_stopped listener={} remote={}", listenerName, connection.remoteSocketAddress());
            closeGracefully(connection);
            return;
        }
        streamTimer = ctx.executor().schedule(() -> {
            if (connection.attr(MQTT_STREAM).get() == null) {
                LOG.info("client.connect_timeout listener={} remote={}: no MQTT stream opened within {} ms",
                        listenerName, connection.remoteSocketAddress(), streamTimeout.toMillis());
                closeGracefully(connection);
            }
        }, streamTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            QuicChannel connection = (QuicChannel) ctx.channel();
            LOG.warn("listener.handshake_failed listener={} remote={} transport=quic: {}", listenerName,
                    connection.remoteSocketAddress(), reason(handshake.cause()));
            LOG.debug("stack trace", handshake.cause());
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        QuicChannel connection = (QuicChannel) ctx.channel();
        if (cause instanceof SSLHandshakeException) {
            return; // logged with its reason by userEventTriggered; QUIC itself closes with the TLS alert
        }
        if (cause instanceof QuicClosedChannelException) {
            LOG.debug("quic connection closed listener={} remote={}: {}", listenerName,
                    connection.remoteSocketAddress(), cause.toString());
        } else {
            LOG.warn("listener.quic_error listener={} remote={}: {}", listenerName, connection.remoteSocketAddress(),
                    cause.toString());
            LOG.debug("stack trace", cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (streamTimer != null) {
            streamTimer.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    private static String reason(Throwable cause) {
        String message = cause == null ? null : cause.getMessage();
        if (message == null) {
            return String.valueOf(cause);
        }
        if (message.contains("NO_APPLICATION_PROTOCOL") || message.toLowerCase().contains("alpn")) {
            return message + " (the client must offer ALPN \"" + QuicServerSsl.ALPN + "\")";
        }
        return message;
    }
}
