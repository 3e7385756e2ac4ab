package io.berth.client;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

import java.net.URI;

/**
 * The handlers of an MQTT-over-WebSocket client connection: the HTTP/1.1 upgrade asking for subprotocol
 * {@code mqtt} (MQTT-6.0.0-3), then masked binary frames. The session sends CONNECT once the upgrade completes.
 */
final class WebSocketUpgrade {

    static final String SUBPROTOCOL = "mqtt";

    private WebSocketUpgrade() {
    }

    static void addTo(ChannelPipeline p, ClientOptions options) {
        String scheme = options.transport().tls() ? "wss" : "ws";
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        URI uri = URI.create(scheme + "://" + host + ":" + options.port() + options.webSocketPath());
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .subprotocol(SUBPROTOCOL)
                .version(WebSocketVersion.V13)
                .customHeaders(new DefaultHttpHeaders())
                .maxFramePayloadLength(options.maxPacketSize())
                .handshakeTimeoutMillis(options.connectTimeout().toMillis())
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .build();
        p.addLast("http", new HttpClientCodec());
        p.addLast("http-aggregator", new HttpObjectAggregator(65_536));
        p.addLast("websocket", new WebSocketClientProtocolHandler(config));
        p.addLast("websocket-frames", new WebSocketFrames());
    }
}
