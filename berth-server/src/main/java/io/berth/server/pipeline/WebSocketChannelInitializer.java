package io.berth.server.pipeline;

import io.berth.core.BrokerContext;
import io.berth.core.protocol.SessionLifecycle;
import io.berth.server.config.PeerCertAsUsername;
import io.berth.server.config.WebSocketOptions;
import io.berth.server.tls.ServerTls;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * MQTT over WebSocket ({@code ws}) and over WebSocket over TLS ({@code wss}): [TLS,] HTTP, the upgrade gate, the
 * WebSocket protocol handler and the frame adapter in front of the shared MQTT part.
 */
public final class WebSocketChannelInitializer extends MqttChannelInitializer {

    /** The subprotocols MQTT clients ask for (MQTT 5.0 spec 6.0; "mqttv3.1" is MQTT 3.1's). */
    public static final String SUBPROTOCOLS = "mqtt,mqttv3.1,mqttv5";

    private static final int MAX_HTTP_REQUEST = 16 * 1024;

    private final WebSocketOptions options;
    private final ServerTls tls;
    private final TlsHandshakeLog handshakeLog;
    private final PeerCertUsername peerCertUsername;
    private final WebSocketServerProtocolConfig protocolConfig;

    public WebSocketChannelInitializer(BrokerContext broker, SessionLifecycle lifecycle, String listenerName,
                                       ConnectionLimiter limiter, WebSocketOptions options, ServerTls tlsOrNull,
                                       PeerCertAsUsername peerCertAsUsername) {
        super(broker, lifecycle, listenerName, limiter);
        this.options = options;
        this.tls = tlsOrNull;
        this.handshakeLog = tlsOrNull == null ? null : new TlsHandshakeLog(listenerName);
        this.peerCertUsername = tlsOrNull == null || peerCertAsUsername == PeerCertAsUsername.DISABLED ? null
                : new PeerCertUsername(peerCertAsUsername);
        // a frame may hold a whole packet and the start of the next
        int maxFrame = (int) Math.min(Integer.MAX_VALUE, 2L * broker.settings().maxPacketSize() + 1024);
        this.protocolConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(options.mqttPath())
                .subprotocols(SUBPROTOCOLS)
                .checkStartsWith(true) // the gate has checked the path; this lets a query string through
                .maxFramePayloadLength(maxFrame)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .build();
    }

    @Override
    protected void initChannel(Channel ch) {
        super.initChannel(ch);
        TlsChannelInitializer.addPeerCertUsername(ch.pipeline(), peerCertUsername);
    }

    @Override
    protected void addTransportHandlers(Channel ch) {
        if (tls != null) {
            TlsChannelInitializer.addTls(ch, tls, handshakeLog);
        }
        ChannelPipeline p = ch.pipeline();
        p.addLast(ChannelHandlerNames.HTTP_CODEC, new HttpServerCodec());
        p.addLast(ChannelHandlerNames.HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_HTTP_REQUEST));
        p.addLast(ChannelHandlerNames.WEBSOCKET_GATE, new WebSocketUpgradeGate(listenerName, options));
        p.addLast(ChannelHandlerNames.WEBSOCKET_PROTOCOL, new WebSocketServerProtocolHandler(protocolConfig));
        p.addLast(ChannelHandlerNames.WEBSOCKET_FRAMES, new WebSocketFrames(listenerName));
    }
}
