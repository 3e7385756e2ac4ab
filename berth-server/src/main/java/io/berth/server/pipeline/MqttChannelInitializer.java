package io.berth.server.pipeline;

import io.berth.core.BrokerContext;
import io.berth.core.protocol.SessionLifecycle;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;

/**
 * Builds the pipeline of a plain TCP MQTT connection: connection limit, traffic counter, frame decoder,
 * packet encoder, connection handler. Transports that wrap MQTT (TLS, WebSocket) add their handlers in
 * front of the same MQTT part.
 */
public class MqttChannelInitializer extends ChannelInitializer<Channel> {

    private final BrokerContext broker;
    private final SessionLifecycle lifecycle;
    private final String listenerName;
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
        ChannelPipeline p = ch.pipeline();
        p.addLast(ChannelHandlerNames.CONNECTION_LIMIT, limiter);
        p.addLast(ChannelHandlerNames.TRAFFIC_COUNTER, trafficCounter);
        addMqttHandlers(p);
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
