package io.berth.server.pipeline;

import io.berth.codec.DecodeFailure;
import io.berth.codec.MqttVersion;
import io.berth.codec.PacketDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Frames the byte stream into packets with our codec. Never throws: a bad frame becomes a
 * {@link DecodeFailure} passed on to the connection handler, and every byte after it is discarded.
 * One instance per channel.
 */
public final class MqttFrameDecoder extends ByteToMessageDecoder {

    private final PacketDecoder decoder;
    private boolean failed;

    public MqttFrameDecoder(int maxPacketSize) {
        this.decoder = new PacketDecoder(maxPacketSize);
    }

    /** The protocol version read from CONNECT so far, or null. */
    public MqttVersion version() {
        return decoder.version();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        Object result;
        while ((result = decoder.decode(in)) != null) {
            out.add(result);
            if (result instanceof DecodeFailure) {
                failed = true;
                in.skipBytes(in.readableBytes());
                return;
            }
            if (out.size() >= 64) {
                return; // hand a batch on; ByteToMessageDecoder calls us again for the rest
            }
        }
    }
}
