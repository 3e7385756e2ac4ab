package io.berth.server.pipeline;

import io.berth.codec.DecodeFailure;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.core.BrokerContext;
import io.berth.core.protocol.Connection;
import io.berth.core.protocol.SessionLifecycle;
import io.berth.core.protocol.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;

/**
 * The thin adapter between a Netty channel and the protocol engine: passes decoded packets in, carries the
 * engine's packets out with consolidated flushes. One instance per channel; everything on its event loop.
 */
public final class MqttConnectionHandler extends ChannelInboundHandlerAdapter implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnectionHandler.class);

    private final BrokerContext broker;
    private final SessionLifecycle lifecycle;
    private final String listenerName;
    private final MqttFrameDecoder decoder;
    private final MqttPacketEncoder encoder;
    private Channel channel;
    private Connection connection;
    private ConnectionStats stats;
    private String remote;
    private boolean reading;
    private boolean flushPending;
    private final Runnable flushTask = this::flushNow;

    public MqttConnectionHandler(BrokerContext broker, SessionLifecycle lifecycle, String listenerName,
                                 MqttFrameDecoder decoder, MqttPacketEncoder encoder) {
        this.broker = broker;
        this.lifecycle = lifecycle;
        this.listenerName = listenerName;
        this.decoder = decoder;
        this.encoder = encoder;
    }

    /** The Netty channel (null before the channel is active). */
    public Channel channel() {
        return channel;
    }

    /** The protocol engine of this channel (null before the channel is active). */
    public Connection connection() {
        return connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        stats = ConnectionStats.of(channel);
        remote = format(ClientAddress.of(channel));
        connection = new Connection(broker, this, lifecycle);
        connection.onOpen();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        if (connection == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof MqttPacket packet) {
            if (stats != null) {
                stats.packetsIn++;
            }
            connection.onPacket(packet);
        } else if (msg instanceof DecodeFailure failure) {
            connection.onDecodeFailure(failure, decoder.version());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        if (flushPending) {
            flushNow();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.onClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("io error remote={} listener={}: {}", remote, listenerName, cause.toString());
        } else {
            LOG.error("unexpected error remote={} listener={} clientId={}: {}", remote, listenerName,
                    connection == null ? null : connection.clientId(), cause.toString());
            LOG.debug("stack trace", cause);
        }
        ctx.close();
    }

    // ---- Transport ----

    @Override
    public EventExecutor executor() {
        return channel.eventLoop();
    }

    @Override
    public void send(MqttPacket packet) {
        broker.metrics().packetSent();
        if (stats != null) {
            stats.packetsOut++;
        }
        channel.write(packet, channel.voidPromise());
        if (!flushPending) {
            flushPending = true;
            if (!reading) {
                channel.eventLoop().execute(flushTask);
            }
        }
    }

    @Override
    public void sendAndClose(MqttPacket packet) {
        broker.metrics().packetSent();
        if (stats != null) {
            stats.packetsOut++;
        }
        flushPending = false;
        channel.writeAndFlush(packet).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void close() {
        if (flushPending) {
            flushNow();
        }
        channel.close();
    }

    @Override
    public void protocolVersion(MqttVersion version) {
        encoder.version(version);
    }

    /** The client's address: the socket's peer, or the one a trusted proxy reported ({@link ClientAddress}). */
    @Override
    public String remoteAddress() {
        String forwarded = ClientAddress.forwarded(channel);
        return forwarded != null ? forwarded : remote;
    }

    @Override
    public X509Certificate peerCertificate() {
        return PeerCertificates.of(channel);
    }

    @Override
    public String peerCertificateIdentity() {
        return PeerCertificates.identity(channel);
    }

    @Override
    public InetAddress remoteInetAddress() {
        return channel != null && ClientAddress.of(channel) instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    @Override
    public boolean readPaused() {
        return channel != null && !channel.config().isAutoRead();
    }

    @Override
    public String listenerName() {
        return listenerName;
    }

    private void flushNow() {
        if (flushPending) {
            flushPending = false;
            channel.flush();
        }
    }

    private static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
