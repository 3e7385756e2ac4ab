package io.berth.server.listener;

import io.berth.core.BrokerContext;
import io.berth.core.protocol.SessionLifecycle;
import io.berth.server.EventLoops;
import io.berth.server.config.ListenerConfig;
import io.berth.server.pipeline.ConnectionLimiter;
import io.berth.server.pipeline.MqttChannelInitializer;
import io.berth.server.pipeline.TlsChannelInitializer;
import io.berth.server.pipeline.WebSocketChannelInitializer;
import io.berth.server.protection.ConnectionGate;
import io.berth.server.tls.ServerTls;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;

import java.net.InetSocketAddress;
import java.util.Optional;

/** An {@code ssl}, {@code ws} or {@code wss} listener: MQTT inside TLS, WebSocket or both. */
public final class TransportListener implements Listener {

    private final ListenerConfig config;
    private final ConnectionLimiter limiter;
    private final ServerTls tls;
    private final Channel serverChannel;

    private TransportListener(ListenerConfig config, ConnectionLimiter limiter, ServerTls tls, Channel serverChannel) {
        this.config = config;
        this.limiter = limiter;
        this.tls = tls;
        this.serverChannel = serverChannel;
    }

    /**
     * Binds the listener.
     *
     * @param tls the listener's TLS material (ssl, wss), null for ws; closed with the listener
     * @throws ListenerException if the address cannot be bound
     */
    public static TransportListener start(ListenerConfig config, ServerTls tls, EventLoops loops, BrokerContext broker,
                                          SessionLifecycle lifecycle, ChannelGroup allChannels) {
        return start(config, tls, loops, broker, lifecycle, allChannels, ConnectionGate.open(config.id()));
    }

    /** Like {@link #start(ListenerConfig, ServerTls, EventLoops, BrokerContext, SessionLifecycle, ChannelGroup)},
     * with an accept-time gate (access rules, connection rates) checked before any TLS work. */
    public static TransportListener start(ListenerConfig config, ServerTls tls, EventLoops loops, BrokerContext broker,
                                          SessionLifecycle lifecycle, ChannelGroup allChannels, ConnectionGate gate) {
        String id = config.id();
        ConnectionLimiter limiter = new ConnectionLimiter(id, config.maxConnections());
        MqttChannelInitializer init = config.type().websocket()
                ? new WebSocketChannelInitializer(broker, lifecycle, id, limiter, config.websocket(), tls,
                config.peerCertAsUsername())
                : new TlsChannelInitializer(broker, lifecycle, id, limiter, tls, config.peerCertAsUsername());
        Channel ch = ServerBinding.bind(id, config.host(), config.port(), loops, init, allChannels,
                config.proxyProtocol(), gate);
        if (tls != null) {
            tls.onNewCrls(crls -> RevokedClients.disconnect(id, allChannels, crls));
        }
        return new TransportListener(config, limiter, tls, ch);
    }

    @Override
    public String id() {
        return config.id();
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
        String transport = switch (config.type()) {
            case SSL -> "mqtt/tls";
            case WS -> "mqtt/websocket path=" + config.websocket().mqttPath();
            case WSS -> "mqtt/websocket/tls path=" + config.websocket().mqttPath();
        };
        return "bind=" + config.bind() + " transport=" + transport + " "
                + (tls == null ? "tls=none" : tls.summary())
                + (config.peerCertAsUsername().key().equals("disabled") ? ""
                : " peer_cert_as_username=" + config.peerCertAsUsername().key())
                + (config.proxyProtocol().enabled() ? " proxy_protocol=on" : "");
    }

    @Override
    public Optional<ServerTls.ReloadResult> reloadCertificates() {
        return tls == null ? Optional.empty() : Optional.of(tls.reload());
    }

    /** The TLS material of an ssl or wss listener, or null. */
    public ServerTls tls() {
        return tls;
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        if (tls != null) {
            tls.close(); // open connections' engines hold their own reference to the context
        }
    }
}
