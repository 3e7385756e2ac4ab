package io.berth.client;

import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DecodeFailure;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PubCompPacket;
import io.berth.codec.PubRecPacket;
import io.berth.codec.PubRelPacket;
import io.berth.codec.PublishPacket;
import io.berth.codec.SubAckPacket;
import io.berth.codec.SubscribePacket;
import io.berth.codec.UnsubAckPacket;
import io.berth.codec.UnsubscribePacket;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import java.util.function.Consumer;

/**
 * Reports every packet sent and received as one line ({@code sending PUBLISH (d0, q1, r0, m1, 'a/b', ... (5
 * bytes))}), the way mosquitto's {@code -d} does. Sits between the codec and the session, so it sees packets.
 */
final class PacketTracer extends ChannelDuplexHandler {

    private final Consumer<String> trace;
    private final String clientId;

    PacketTracer(Consumer<String> trace, String clientId) {
        this.trace = trace;
        this.clientId = clientId;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttPacket packet) {
            trace.accept("Client " + clientId + " received " + describe(packet));
        } else if (msg instanceof DecodeFailure failure) {
            trace.accept("Client " + clientId + " received a malformed packet: " + failure.message());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof MqttPacket packet) {
            trace.accept("Client " + clientId + " sending " + describe(packet));
        }
        ctx.write(msg, promise);
    }

    static String describe(MqttPacket packet) {
        if (packet instanceof ConnectPacket p) {
            return "CONNECT (MQTT " + p.version() + ", c" + (p.cleanStart() ? 1 : 0) + ", k" + p.keepAlive()
                    + (p.username() == null ? "" : ", u'" + p.username() + "'")
                    + (p.will() == null ? "" : ", will '" + p.will().topic() + "'") + ")";
        } else if (packet instanceof ConnAckPacket p) {
            return "CONNACK (s" + (p.sessionPresent() ? 1 : 0) + ", " + p.reasonCode() + ")";
        } else if (packet instanceof PublishPacket p) {
            return "PUBLISH (d" + (p.dup() ? 1 : 0) + ", q" + p.qos() + ", r" + (p.retain() ? 1 : 0) + ", m"
                    + p.packetId() + ", '" + p.topic() + "', ... (" + p.payload().readableBytes() + " bytes))";
        } else if (packet instanceof PubAckPacket p) {
            return "PUBACK (m" + p.packetId() + ", " + p.reasonCode() + ")";
        } else if (packet instanceof PubRecPacket p) {
            return "PUBREC (m" + p.packetId() + ", " + p.reasonCode() + ")";
        } else if (packet instanceof PubRelPacket p) {
            return "PUBREL (m" + p.packetId() + ")";
        } else if (packet instanceof PubCompPacket p) {
            return "PUBCOMP (m" + p.packetId() + ")";
        } else if (packet instanceof SubscribePacket p) {
            return "SUBSCRIBE (m" + p.packetId() + ", "
                    + p.subscriptions().stream().map(s -> s.topicFilter() + " q" + s.qos()).toList() + ")";
        } else if (packet instanceof SubAckPacket p) {
            return "SUBACK (m" + p.packetId() + ", " + p.reasonCodes() + ")";
        } else if (packet instanceof UnsubscribePacket p) {
            return "UNSUBSCRIBE (m" + p.packetId() + ", " + p.topicFilters() + ")";
        } else if (packet instanceof UnsubAckPacket p) {
            return "UNSUBACK (m" + p.packetId() + ")";
        } else if (packet instanceof DisconnectPacket p) {
            return "DISCONNECT (" + p.reasonCode() + ")";
        }
        return packet.type().name();
    }
}
