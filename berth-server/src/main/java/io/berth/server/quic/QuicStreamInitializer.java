package io.berth.server.quic;

import io.berth.core.BrokerContext;
import io.berth.core.protocol.SessionLifecycle;
import io.berth.server.pipeline.ChannelHandlerNames;
import io.berth.server.pipeline.ClientAddress;
import io.berth.server.pipeline.ConnectionLimiter;
import io.berth.server.pipeline.MqttChannelInitializer;
import io.berth.server.pipeline.TrafficCounter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the pipeline of the MQTT stream of a QUIC connection: the same MQTT handlers as TCP (the connection limit
 * is applied to the QUIC connection instead). The MQTT connection lives and dies with its stream: when the stream
 * closes, the QUIC connection is closed too. Shared by the listener's streams; runs on the connection's event loop.
 */
final class QuicStreamInitializer extends MqttChannelInitializer {

    private static final Logger LOG = LoggerFactory.getLogger("event.listener");

    private final String listenerName;
    private final TrafficCounter trafficCounter;
    private final ChannelGroup allChannels;

    QuicStreamInitializer(BrokerContext broker, SessionLifecycle lifecycle, String listenerName,
                          ConnectionLimiter limiter, ChannelGroup allChannels) {
        super(broker, lifecycle, listenerName, limiter);
        this.listenerName = listenerName;
        this.trafficCounter = new TrafficCounter(broker.metrics());
        this.allChannels = allChannels;
    }

    @Override
    protected void initChannel(Channel ch) {
        QuicStreamChannel stream = (QuicStreamChannel) ch;
        QuicChannel connection = stream.parent();
        if (stream.type() != QuicStreamType.BIDIRECTIONAL || !QuicConnectionHandler.claimMqttStream(connection)) {
            // Only one bidirectional stream per connection is allowed by the transport parameters; stay safe anyway.
            LOG.warn("listener.quic_extra_stream listener={} remote={} stream={}: one MQTT stream per QUIC "
                    + "connection", listenerName, connection.remoteSocketAddress(), stream.streamId());
            stream.close();
            return;
        }
        stream.attr(ClientAddress.KEY).set(connection.remoteSocketAddress());
        allChannels.add(stream);
        stream.closeFuture().addListener(f -> QuicConnectionHandler.closeGracefully(connection));
        ChannelPipeline p = stream.pipeline();
        p.addLast(ChannelHandlerNames.TRAFFIC_COUNTER, trafficCounter);
        addMqttHandlers(p);
    }
}
