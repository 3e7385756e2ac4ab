package io.berth.server.pipeline;

import io.berth.core.BrokerContext;
import io.berth.core.protocol.SessionLifecycle;
import io.berth.server.protection.ClientRateLimiter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;

/**
 * Builds the pipeline of an MQTT connection: connection limit, traffic counter, then the transport's own handlers
 * ({@link #addTransportHandlers}: none for plain TCP, TLS in {@link TlsChannelInitializer}, HTTP and WebSocket in
 * {@link WebSocketChannelInitializer}), then the MQTT part every transport shares: frame decoder, packet encoder,
 * connection handler.
 */
public class MqttChannelInitializer extends ChannelInitializer<Channel> {

    private final BrokerContext broker;
    private final SessionLifecycle lifecycle;
    protected final String listenerName;
    private final ConnectionLimiter limiter;
    private final TrafficCounter trafficCounter;

    public MqttChannelInitializer(BrokerContext broker, SessionLifecycle lifecycle, String listenerName,
                                  ConnectionLimiter limiter) {
        this.broker = broker;
        this.lifecycle = lifecycle;
        this.listenerName = listenerName;
        this.limiter = limiter;
        this.trafficCounter = new TrafficCounter(broker.metrics());
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.attr(ConnectionStats.KEY).setIfAbsent(new ConnectionStats());
        ChannelPipeline p = ch.pipeline();
        p.addLast(ChannelHandlerNames.CONNECTION_LIMIT, limiter);
        p.addLast(ChannelHandlerNames.TRAFFIC_COUNTER, trafficCounter);
        ClientRateLimiter rates = ClientRateLimiter.of(ch);
        if (rates != null) {
            p.addLast(ChannelHandlerNames.BYTES_RATE, rates.bytesHandler());
        }
        addTransportHandlers(ch);
        addMqttHandlers(p);
        if (rates != null) {
            p.addBefore(ChannelHandlerNames.MQTT_CONNECTION, ChannelHandlerNames.MESSAGES_RATE,
                    rates.messagesHandler());
        }
    }

    /** The handlers between the socket and MQTT bytes; plain TCP has none. Runs on the channel's event loop. */
    protected void addTransportHandlers(Channel ch) {
    }

    /** The MQTT part of the pipeline, shared by every transport. */
    protected final void addMqttHandlers(ChannelPipeline p) {
        MqttFrameDecoder decoder = new MqttFrameDecoder(broker.settings().maxPacketSize());
        MqttPacketEncoder encoder = new MqttPacketEncoder();
        p.addLast(ChannelHandlerNames.MQTT_DECODER, decoder);
        p.addLast(ChannelHandlerNames.MQTT_ENCODER, encoder);
        p.addLast(ChannelHandlerNames.MQTT_CONNECTION,
                new MqttConnectionHandler(broker, lifecycle, listenerName, decoder, encoder));
    }
}
