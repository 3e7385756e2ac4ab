package io.berth.testkit;

import io.berth.codec.DecodeFailure;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.codec.PacketDecoder;
import io.berth.codec.PacketEncoder;
import io.berth.codec.PublishPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.io.IOException;

/** Packets to bytes and back for the blocking test clients, with PUBLISH payloads as heap copies. */
final class PacketBytes {

    private PacketBytes() {
    }

    /** Encodes a packet (a PUBLISH payload is consumed). */
    static byte[] encode(MqttPacket packet, MqttVersion version) {
        ByteBuf buf = PacketEncoder.encode(ByteBufAllocator.DEFAULT, packet, version);
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    /**
     * Decodes the next whole packet from {@code received}. A PUBLISH's payload is copied to a heap buffer that
     * needs no release.
     *
     * @return the packet, or null when more bytes are needed
     * @throws IOException if the server sent a malformed packet
     */
    static MqttPacket next(PacketDecoder decoder, ByteBuf received) throws IOException {
        Object result = decoder.decode(received);
        if (result instanceof PublishPacket p) {
            byte[] payload = new byte[p.payload().readableBytes()];
            p.payload().readBytes(payload);
            p.payload().release();
            received.discardReadBytes();
            return new PublishPacket(p.topic(), p.qos(), p.retain(), p.dup(), p.packetId(), p.properties(),
                    Unpooled.wrappedBuffer(payload));
        }
        if (result instanceof MqttPacket packet) {
            received.discardReadBytes();
            return packet;
        }
        if (result instanceof DecodeFailure f) {
            throw new IOException("server sent a malformed packet: " + f);
        }
        return null;
    }
}
