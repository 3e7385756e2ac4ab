package io.berth.client;

import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.codec.PacketEncoder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/** Encodes our packets in the connection's version. Holds no state beyond the version: shareable. */
final class ClientPacketEncoder extends MessageToMessageEncoder<MqttPacket> {

    private final MqttVersion version;

    ClientPacketEncoder(MqttVersion version) {
        super(MqttPacket.class);
        this.version = version;
    }

    @Override
    public boolean isSharable() {
        return true;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MqttPacket packet, List<Object> out) {
        PacketEncoder.encode(ctx.alloc(), packet, version, out);
    }
}
