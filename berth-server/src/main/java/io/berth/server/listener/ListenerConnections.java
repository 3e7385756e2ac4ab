package io.berth.server.listener;

import io.berth.codec.ReasonCode;
import io.berth.server.pipeline.ChannelHandlerNames;
import io.berth.server.pipeline.MqttConnectionHandler;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** The open MQTT connections of one listener: found, and closed as a listener stop does. */
final class ListenerConnections {

    /** How long a stop waits for the closed connections to be gone before it returns. */
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private ListenerConnections() {
    }

    /** Calls {@code action} with each MQTT connection of the listener {@code id} and its handler. */
    static void forEach(String id, ChannelGroup allChannels, BiConsumer<Channel, MqttConnectionHandler> action) {
        for (Channel ch : allChannels) {
            MqttConnectionHandler h = (MqttConnectionHandler) ch.pipeline().get(ChannelHandlerNames.MQTT_CONNECTION);
            if (h != null && h.listenerName().equals(id)) {
                action.accept(ch, h);
            }
        }
    }

    /**
     * Disconnects every connection of the listener {@code id}, each on its own event loop: MQTT 5 clients get
     * DISCONNECT 0x8B (Server shutting down), wills are published as for any connection the server closes, sessions
     * stay for the clients to resume elsewhere. Blocks until they are closed (at most a few seconds).
     *
     * @return how many connections were closed
     */
    static int close(String id, ChannelGroup allChannels) {
        List<Channel> closing = new ArrayList<>();
        List<Future<?>> done = new ArrayList<>();
        forEach(id, allChannels, (ch, h) -> {
            closing.add(ch);
            done.add(ch.eventLoop().submit(() -> {
                if (h.connection() != null) {
                    h.connection().disconnect(ReasonCode.SERVER_SHUTTING_DOWN);
                } else {
                    ch.close();
                }
            }));
        });
        done.forEach(Future::awaitUninterruptibly);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        for (Channel ch : closing) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (!ch.closeFuture().awaitUninterruptibly(Math.max(1, left))) {
                ch.close();
            }
        }
        return closing.size();
    }
}
