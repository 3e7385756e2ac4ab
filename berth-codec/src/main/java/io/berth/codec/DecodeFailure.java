package io.berth.codec;

/**
 * What the decoder returns instead of throwing when the bytes break the spec: the reason code the spec names
 * (0x81 Malformed Packet, 0x82 Protocol Error, 0x95 Packet Too Large, 0x84 Unsupported Protocol Version...),
 * a message for the log, and the packet type when the fixed header was readable. After a failure the stream
 * cannot be resynchronised: the connection must be closed.
 */
public record DecodeFailure(ReasonCode reasonCode, String message, PacketType packetType) {
}
