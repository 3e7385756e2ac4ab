package io.berth.server.listener;

import io.berth.core.BrokerContext;
import io.berth.core.protocol.SessionLifecycle;
import io.berth.server.EventLoops;
import io.berth.server.config.TcpListenerConfig;
import io.berth.server.pipeline.ConnectionLimiter;
import io.berth.server.pipeline.MqttChannelInitializer;
import io.berth.server.protection.ConnectionGate;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;

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
        return start(config, loops, broker, lifecycle, allChannels, ConnectionGate.open("tcp:" + config.name()));
    }

    /** Like {@link #start(TcpListenerConfig, EventLoops, BrokerContext, SessionLifecycle, ChannelGroup)}, with an
     * accept-time gate (access rules, connection rates). */
    public static TcpListener start(TcpListenerConfig config, EventLoops loops, BrokerContext broker,
                                    SessionLifecycle lifecycle, ChannelGroup allChannels, ConnectionGate gate) {
        String id = "tcp:" + config.name();
        ConnectionLimiter limiter = new ConnectionLimiter(id, config.maxConnections());
        MqttChannelInitializer mqtt = new MqttChannelInitializer(broker, lifecycle, id, limiter);
        Channel ch = ServerBinding.bind(id, config.host(), config.port(), loops, mqtt, allChannels,
                config.proxyProtocol(), gate);
        return new TcpListener(config, limiter, ch);
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
    public String securitySummary() {
        return "bind=" + config.bind() + " transport=mqtt/tcp tls=none"
                + (config.proxyProtocol().enabled() ? " proxy_protocol=on" : "");
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }
}
