package io.berth.client;

import io.berth.codec.DecodeFailure;
import io.berth.codec.MqttVersion;
import io.berth.codec.PacketDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Frames the server's bytes into packets with the codec's client-side decoder (the version is fixed by our
 * CONNECT). A bad frame becomes a {@link DecodeFailure} passed on; every byte after it is dropped.
 */
final class ClientFrameDecoder extends ByteToMessageDecoder {

    private final PacketDecoder decoder;
    private boolean failed;

    ClientFrameDecoder(int maxPacketSize, MqttVersion version) {
        this.decoder = new PacketDecoder(maxPacketSize, version);
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
        }
    }
}
