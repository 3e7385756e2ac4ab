package io.berth.server.pipeline;

import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.codec.PacketEncoder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * Encodes packets with our codec. A PUBLISH goes out as a small header buffer followed by the payload
 * buffer itself, so subscribers share one payload. One instance per channel: it holds the version.
 */
public final class MqttPacketEncoder extends MessageToMessageEncoder<MqttPacket> {

    /** Until CONNECT says otherwise, answers (a CONNACK refusing the version) use 3.1.1 framing. */
    private MqttVersion version = MqttVersion.MQTT_3_1_1;

    public MqttPacketEncoder() {
        super(MqttPacket.class);
    }

    public void version(MqttVersion version) {
        this.version = version;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MqttPacket packet, List<Object> out) {
        PacketEncoder.encode(ctx.alloc(), packet, version, out);
    }
}
