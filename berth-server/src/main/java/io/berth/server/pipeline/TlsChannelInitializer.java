package io.berth.server.pipeline;

import io.berth.core.BrokerContext;
import io.berth.core.protocol.SessionLifecycle;
import io.berth.server.config.PeerCertAsUsername;
import io.berth.server.tls.ServerTls;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;

/** MQTT over TLS ({@code ssl} listeners): the TLS handler in front of the shared MQTT part. */
public final class TlsChannelInitializer extends MqttChannelInitializer {

    private final ServerTls tls;
    private final TlsHandshakeLog handshakeLog;
    private final PeerCertUsername peerCertUsername;

    public TlsChannelInitializer(BrokerContext broker, SessionLifecycle lifecycle, String listenerName,
                                 ConnectionLimiter limiter, ServerTls tls, PeerCertAsUsername peerCertAsUsername) {
        super(broker, lifecycle, listenerName, limiter);
        this.tls = tls;
        this.handshakeLog = new TlsHandshakeLog(listenerName);
        this.peerCertUsername = peerCertAsUsername == PeerCertAsUsername.DISABLED ? null
                : new PeerCertUsername(peerCertAsUsername);
    }

    @Override
    protected void initChannel(Channel ch) {
        super.initChannel(ch);
        addPeerCertUsername(ch.pipeline(), peerCertUsername);
    }

    @Override
    protected void addTransportHandlers(Channel ch) {
        addTls(ch, tls, handshakeLog);
    }

    static void addTls(Channel ch, ServerTls tls, TlsHandshakeLog log) {
        ch.pipeline().addLast(ChannelHandlerNames.TLS, tls.newHandler(ch.alloc()));
        ch.pipeline().addLast(ChannelHandlerNames.TLS_HANDSHAKE, log);
    }

    static void addPeerCertUsername(ChannelPipeline p, PeerCertUsername handler) {
        if (handler != null) {
            p.addBefore(ChannelHandlerNames.MQTT_CONNECTION, ChannelHandlerNames.PEER_CERT_USERNAME, handler);
        }
    }
}
