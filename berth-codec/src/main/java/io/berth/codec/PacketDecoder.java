package io.berth.codec;

import io.netty.buffer.ByteBuf;

/**
 * Turns bytes from one connection into {@link MqttPacket}s. One instance per connection, used from the
 * connection's thread only.
 *
 * <p>{@link #decode} never throws: bytes that break the spec give a {@link DecodeFailure} carrying the reason
 * code the spec names, after which the caller closes the connection. The decoder checks everything that can be
 * judged from one packet alone (syntax, reserved bits, property placement and values, topic syntax). It does not
 * check direction (which side may send which packet) or state (a second CONNECT, unknown packet identifiers,
 * Topic Alias range, Subscription Identifier sent by a client): that is the protocol engine's job.
 *
 * <p>A server-side decoder starts without a version: the first packet must be a CONNECT, whose protocol level then
 * fixes the version for the rest of the connection. A client-side decoder is given its version up front.
 */
public final class PacketDecoder {

    private int maxPacketSize;
    private MqttVersion version;
    private DecodeFailure failure;

    /** Server side: the version is unknown until a CONNECT has been decoded. */
    public PacketDecoder(int maxPacketSize) {
        this(maxPacketSize, null);
    }

    /** Client side (or a server that already knows the version): the version is fixed. */
    public PacketDecoder(int maxPacketSize, MqttVersion version) {
        maxPacketSize(maxPacketSize);
        this.version = version;
    }

    /**
     * The version later packets are decoded with; on the server side {@code null} until a CONNECT's protocol
     * level has been read (it is set even when the rest of that CONNECT turns out to be malformed).
     */
    public MqttVersion version() {
        return version;
    }

    public void version(MqttVersion version) {
        this.version = version;
    }

    /** The largest packet, fixed header included, that {@link #decode} accepts. */
    public int maxPacketSize() {
        return maxPacketSize;
    }

    public void maxPacketSize(int maxPacketSize) {
        if (maxPacketSize < 2) {
            throw new IllegalArgumentException("maxPacketSize must be at least 2, was " + maxPacketSize);
        }
        this.maxPacketSize = maxPacketSize;
    }

    /**
     * Decodes the next packet in {@code in}.
     *
     * @return {@code null} when {@code in} does not yet hold a whole packet (nothing is consumed); an
     *         {@link MqttPacket}, with the reader index moved past it; or a {@link DecodeFailure}, with all
     *         readable bytes skipped. After a failure every later call returns the same failure.
     */
    public Object decode(ByteBuf in) {
        if (failure != null) {
            skipAll(in);
            return failure;
        }
        PacketType type = null;
        try {
            if (!in.isReadable()) {
                return null;
            }
            int start = in.readerIndex();
            int firstByte = in.getUnsignedByte(start);
            type = PacketType.of(firstByte >> 4);
            checkFirstByte(type, firstByte & 0x0F);
            return decodeFrame(in, start, type, firstByte & 0x0F);
        } catch (DecodeException e) {
            return fail(in, e.reasonCode(), e.getMessage(), type);
        } catch (IndexOutOfBoundsException e) {
            return fail(in, ReasonCode.MALFORMED_PACKET, "packet shorter than its contents", type);
        } catch (RuntimeException e) {
            return fail(in, ReasonCode.MALFORMED_PACKET, "undecodable packet: " + e, type);
        }
    }

    private DecodeFailure fail(ByteBuf in, ReasonCode code, String message, PacketType type) {
        failure = new DecodeFailure(code, message, type);
        skipAll(in);
        return failure;
    }

    private static void skipAll(ByteBuf in) {
        try {
            in.skipBytes(in.readableBytes());
        } catch (RuntimeException e) {
            // a released buffer: nothing left to skip
        }
    }

    /** Checks what the first byte alone can tell: packet type, reserved flags, PUBLISH QoS and DUP. */
    private void checkFirstByte(PacketType type, int flags) {
        if (type == null) {
            throw DecodeException.malformed("reserved packet type 0");
        }
        if (version == null && type != PacketType.CONNECT) {
            throw DecodeException.protocolError("first packet is " + type + ", not CONNECT (MQTT-3.1.0-1)");
        }
        if (type == PacketType.AUTH && version != null && !version.isV5()) {
            throw DecodeException.malformed("AUTH packet in MQTT " + version);
        }
        switch (type) {
            case PUBLISH -> {
                int qos = (flags >> 1) & 0x03;
                if (qos == 3) {
                    throw DecodeException.malformed("PUBLISH with QoS 3 (MQTT-3.3.1-4)");
                }
                if (qos == 0 && (flags & 0x08) != 0) {
                    throw DecodeException.malformed("PUBLISH with QoS 0 and DUP set (MQTT-3.3.1-2)");
                }
            }
            case PUBREL, SUBSCRIBE, UNSUBSCRIBE -> {
                if (flags != 0x02) {
                    throw DecodeException.malformed(type + " fixed header flags must be 0010 (MQTT-2.2.2-1, -2)");
                }
            }
            default -> {
                if (flags != 0) {
                    throw DecodeException.malformed(type + " fixed header flags must be 0000 (MQTT-2.2.2-1, -2)");
                }
            }
        }
    }

    /** Reads the Remaining Length, enforces the size limit, and decodes the body once it has all arrived. */
    private Object decodeFrame(ByteBuf in, int start, PacketType type, int flags) {
        int readable = in.readableBytes();
        int remaining = 0;
        int headerLength = 0;
        for (int i = 1; i <= 4; i++) {
            if (i >= readable) {
                return null;
            }
            int b = in.getUnsignedByte(start + i);
            remaining |= (b & 0x7F) << (7 * (i - 1));
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 1) {
                    throw DecodeException.malformed("Remaining Length not minimally encoded (MQTT-1.5.5-1)");
                }
                headerLength = i + 1;
                break;
            }
        }
        if (headerLength == 0) {
            throw DecodeException.malformed("Remaining Length longer than 4 bytes");
        }
        long total = (long) headerLength + remaining;
        if (total > maxPacketSize) {
            throw new DecodeException(ReasonCode.PACKET_TOO_LARGE,
                    type + " of " + total + " bytes exceeds the maximum packet size of " + maxPacketSize);
        }
        if (readable < total) {
            return null;
        }
        ByteBuf body = in.slice(start + headerLength, remaining);
        MqttPacket packet = decodeBody(body, type, flags);
        if (body.isReadable()) {
            // Only PUBLISH owns a buffer, and it always consumes its body: nothing to release here.
            throw DecodeException.malformed(type + " has " + body.readableBytes() + " bytes past its contents");
        }
        in.readerIndex(start + (int) total);
        return packet;
    }

    private MqttPacket decodeBody(ByteBuf body, PacketType type, int flags) {
        if (type == PacketType.CONNECT) {
            MqttVersion connectVersion = ConnectDecoder.readProtocolVersion(body);
            if (version == null) {
                // set before the rest is decoded, so that a server can answer a bad CONNECT in its version
                version = connectVersion;
            }
            return ConnectDecoder.decodeConnect(body, connectVersion);
        }
        MqttVersion v = version;
        return switch (type) {
            case CONNACK -> ConnectDecoder.decodeConnAck(body, v);
            case PUBLISH -> PublishDecoder.decodePublish(body, flags, v);
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> PublishDecoder.decodeAck(body, type, v);
            case SUBSCRIBE -> SubscribeDecoder.decodeSubscribe(body, v);
            case SUBACK -> SubscribeDecoder.decodeSubAck(body, v);
            case UNSUBSCRIBE -> SubscribeDecoder.decodeUnsubscribe(body, v);
            case UNSUBACK -> SubscribeDecoder.decodeUnsubAck(body, v);
            case PINGREQ -> PingReqPacket.INSTANCE;
            case PINGRESP -> PingRespPacket.INSTANCE;
            case DISCONNECT -> decodeDisconnect(body, v);
            case AUTH -> decodeAuth(body);
            default -> throw new IllegalStateException(type.name());
        };
    }

    /** MQTT 3.x DISCONNECT is empty; in MQTT 5 the Reason Code and Property Length may be left out (3.14.2.1). */
    private static DisconnectPacket decodeDisconnect(ByteBuf in, MqttVersion v) {
        if (!v.isV5() || !in.isReadable()) {
            return new DisconnectPacket(ReasonCode.NORMAL_DISCONNECTION, MqttProperties.EMPTY);
        }
        ReasonCode code = Wire.readReasonCode(in);
        MqttProperties properties = in.isReadable()
                ? PropertiesDecoder.read(in, PropertyIds.bit(PacketType.DISCONNECT)) : MqttProperties.EMPTY;
        return new DisconnectPacket(code, properties);
    }

    /** An empty AUTH means Success with no properties (spec 3.15.2.1). */
    private static AuthPacket decodeAuth(ByteBuf in) {
        if (!in.isReadable()) {
            return new AuthPacket(ReasonCode.SUCCESS, MqttProperties.EMPTY);
        }
        ReasonCode code = Wire.readReasonCode(in);
        MqttProperties properties = in.isReadable()
                ? PropertiesDecoder.read(in, PropertyIds.bit(PacketType.AUTH)) : MqttProperties.EMPTY;
        return new AuthPacket(code, properties);
    }
}
