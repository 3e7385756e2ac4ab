package io.berth.server.protection;

import io.berth.codec.ReasonCode;
import io.berth.core.ban.Ban;
import io.berth.core.protocol.Connection;
import io.berth.server.pipeline.ChannelHandlerNames;
import io.berth.server.pipeline.MqttConnectionHandler;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Disconnects the connected clients a new ban matches (MQTT 5: DISCONNECT 0x98 administrative action). Each check
 * runs on the connection's own event loop; adding a ban only submits the tasks, it never waits.
 */
public final class BanEnforcer implements Consumer<Ban> {

    private static final Logger LOG = LoggerFactory.getLogger("event.protection");

    private final ChannelGroup channels;

    public BanEnforcer(ChannelGroup channels) {
        this.channels = channels;
    }

    @Override
    public void accept(Ban ban) {
        for (Channel ch : channels) {
            if (!ch.isActive()) {
                continue;
            }
            ch.eventLoop().execute(() -> {
                if (ch.pipeline().get(ChannelHandlerNames.MQTT_CONNECTION) instanceof MqttConnectionHandler h) {
                    kickIfBanned(h, ban);
                }
            });
        }
    }

    private static void kickIfBanned(MqttConnectionHandler h, Ban ban) {
        Connection c = h.connection();
        if (c == null || !c.isConnected() || c.identity() == null) {
            return;
        }
        if (ban.matches(c.clientId(), c.identity().username(), h.remoteInetAddress())) {
            LOG.warn("client.kicked clientId={} remote={} listener={} reason=banned ban={}:{}", c.clientId(),
                    h.remoteAddress(), h.listenerName(), ban.kind().key(), ban.who());
            c.disconnect(ReasonCode.ADMINISTRATIVE_ACTION);
        }
    }
}
