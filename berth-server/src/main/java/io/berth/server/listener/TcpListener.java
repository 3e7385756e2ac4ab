package io.berth.server.listener;

import io.berth.core.BrokerContext;
import io.berth.core.protocol.SessionLifecycle;
import io.berth.server.EventLoops;
import io.berth.server.config.TcpListenerConfig;
import io.berth.server.pipeline.ConnectionLimiter;
import io.berth.server.pipeline.MqttChannelInitializer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.ChannelInitializer;

import java.net.InetSocketAddress;

/** A plain TCP listener ({@code listeners.tcp.<name>}), MQTT straight on the socket. */
public final class TcpListener implements Listener {

    private final TcpListenerConfig config;
    private final ConnectionLimiter limiter;
    private final Channel serverChannel;

    private TcpListener(TcpListenerConfig config, ConnectionLimiter limiter, Channel serverChannel) {
        this.config = config;
        this.limiter = limiter;
        this.serverChannel = serverChannel;
    }

    /**
     * Binds the listener. Every accepted channel joins {@code allChannels} so the broker can close them.
     *
     * @throws ListenerException if the address cannot be bound
     */
    public static TcpListener start(TcpListenerConfig config, EventLoops loops, BrokerContext broker,
                                    SessionLifecycle lifecycle, ChannelGroup allChannels) {
        String id = "tcp:" + config.name();
        ConnectionLimiter limiter = new ConnectionLimiter(id, config.maxConnections());
        MqttChannelInitializer mqtt = new MqttChannelInitializer(broker, lifecycle, id, limiter);
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.boss(), loops.workers())
                .channel(loops.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        allChannels.add(ch);
                        ch.pipeline().addLast(mqtt);
                    }
                });
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        try {
            Channel ch = b.bind(address).syncUninterruptibly().channel();
            return new TcpListener(config, limiter, ch);
        } catch (Exception e) {
            throw new ListenerException("listener " + id + " cannot bind " + config.host() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return "tcp:" + config.name();
    }

    @Override
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public int connections() {
        return limiter.current();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }
}
