package io.berth.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

import java.util.List;

/**
 * Turns {@link MqttPacket}s into bytes. Stateless and thread-safe.
 *
 * <p>A PUBLISH is written as two buffers, a header and the payload itself, so that one payload can go to many
 * subscribers without copies. Encoding takes over the caller's reference to the payload: it neither retains it
 * nor may the caller release it afterwards, even when encoding throws.
 *
 * <p>In MQTT 3.x properties are not written and reason codes become 3.1.1 return codes where the packet has one.
 * A packet that cannot be represented (AUTH in 3.x, a string over 65,535 bytes, QoS 3) is a programming error
 * and throws {@link IllegalArgumentException}.
 */
public final class PacketEncoder {

    private PacketEncoder() {
    }

    /**
     * Appends the encoded packet to {@code out}: one buffer, or for a PUBLISH the header buffer followed by the
     * packet's payload buffer.
     */
    public static void encode(ByteBufAllocator alloc, MqttPacket packet, MqttVersion version, List<Object> out) {
        if (packet instanceof PublishPacket publish) {
            ByteBuf header = encodePublishHeader(alloc, publish, version);
            out.add(header);
            out.add(publish.payload());
        } else {
            out.add(encodeOther(alloc, packet, version));
        }
    }

    /**
     * Encodes into a single buffer (for a PUBLISH, a composite of header and payload). Consumes the PUBLISH
     * payload reference like {@link #encode(ByteBufAllocator, MqttPacket, MqttVersion, List)}.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, MqttPacket packet, MqttVersion version) {
        if (packet instanceof PublishPacket publish) {
            ByteBuf header = encodePublishHeader(alloc, publish, version);
            CompositeByteBuf composite = alloc.compositeBuffer(2);
            composite.addComponents(true, header, publish.payload());
            return composite;
        }
        return encodeOther(alloc, packet, version);
    }

    /** The number of bytes the packet takes on the wire, fixed header and payload included. */
    public static int encodedSize(MqttPacket packet, MqttVersion version) {
        int remaining = remainingLength(packet, version);
        return 1 + Wire.varIntSize(remaining) + remaining;
    }

    private static ByteBuf encodePublishHeader(ByteBufAllocator alloc, PublishPacket p, MqttVersion v) {
        ByteBuf header = null;
        try {
            int firstByte = PublishEncoder.firstByte(p);
            int headerSize = PublishEncoder.headerSize(p, v);
            int remaining = headerSize + p.payload().readableBytes();
            int size = 1 + Wire.varIntSize(remaining) + headerSize;
            header = alloc.buffer(size);
            header.writeByte(firstByte);
            Wire.writeVarInt(header, remaining);
            PublishEncoder.writeHeader(header, p, v);
            checkSize(header, size, p);
            return header;
        } catch (RuntimeException e) {
            if (header != null) {
                header.release();
            }
            p.payload().release();
            throw e;
        }
    }

    private static ByteBuf encodeOther(ByteBufAllocator alloc, MqttPacket packet, MqttVersion version) {
        int remaining = remainingLength(packet, version);
        int size = 1 + Wire.varIntSize(remaining) + remaining;
        ByteBuf buf = alloc.buffer(size);
        try {
            buf.writeByte(firstByte(packet));
            Wire.writeVarInt(buf, remaining);
            writeBody(buf, packet, version);
            checkSize(buf, size, packet);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    private static void checkSize(ByteBuf buf, int expected, MqttPacket packet) {
        if (buf.readableBytes() != expected) {
            throw new IllegalStateException("encoded " + packet.type() + " is " + buf.readableBytes()
                    + " bytes, computed " + expected);
        }
    }

    private static int firstByte(MqttPacket packet) {
        int flags = switch (packet.type()) {
            case PUBLISH -> PublishEncoder.firstByte((PublishPacket) packet) & 0x0F;
            case PUBREL, SUBSCRIBE, UNSUBSCRIBE -> 0x02;
            default -> 0;
        };
        return (packet.type().value() << 4) | flags;
    }

    private static MqttVersion connectVersion(ConnectPacket p, MqttVersion version) {
        return p.version() != null ? p.version() : version;
    }

    private static int remainingLength(MqttPacket packet, MqttVersion v) {
        return switch (packet.type()) {
            case CONNECT -> {
                ConnectPacket p = (ConnectPacket) packet;
                yield ConnectEncoder.connectSize(p, connectVersion(p, v));
            }
            case CONNACK -> ConnectEncoder.connAckSize((ConnAckPacket) packet, v);
            case PUBLISH -> {
                PublishPacket p = (PublishPacket) packet;
                yield PublishEncoder.headerSize(p, v) + p.payload().readableBytes();
            }
            case PUBACK -> {
                PubAckPacket p = (PubAckPacket) packet;
                yield PublishEncoder.ackSize(p.packetId(), p.reasonCode(), p.properties(), v);
            }
            case PUBREC -> {
                PubRecPacket p = (PubRecPacket) packet;
                yield PublishEncoder.ackSize(p.packetId(), p.reasonCode(), p.properties(), v);
            }
            case PUBREL -> {
                PubRelPacket p = (PubRelPacket) packet;
                yield PublishEncoder.ackSize(p.packetId(), p.reasonCode(), p.properties(), v);
            }
            case PUBCOMP -> {
                PubCompPacket p = (PubCompPacket) packet;
                yield PublishEncoder.ackSize(p.packetId(), p.reasonCode(), p.properties(), v);
            }
            case SUBSCRIBE -> SubscribeEncoder.subscribeSize((SubscribePacket) packet, v);
            case SUBACK -> SubscribeEncoder.subAckSize((SubAckPacket) packet, v);
            case UNSUBSCRIBE -> SubscribeEncoder.unsubscribeSize((UnsubscribePacket) packet, v);
            case UNSUBACK -> SubscribeEncoder.unsubAckSize((UnsubAckPacket) packet, v);
            case PINGREQ, PINGRESP -> 0;
            case DISCONNECT -> {
                DisconnectPacket p = (DisconnectPacket) packet;
                yield reasonAndPropertiesSize(p.reasonCode(), p.properties(), v, true);
            }
            case AUTH -> {
                if (!v.isV5()) {
                    throw new IllegalArgumentException("AUTH does not exist in MQTT " + v);
                }
                AuthPacket p = (AuthPacket) packet;
                yield reasonAndPropertiesSize(p.reasonCode(), p.properties(), v, false);
            }
        };
    }

    private static void writeBody(ByteBuf out, MqttPacket packet, MqttVersion v) {
        switch (packet.type()) {
            case CONNECT -> {
                ConnectPacket p = (ConnectPacket) packet;
                ConnectEncoder.writeConnect(out, p, connectVersion(p, v));
            }
            case CONNACK -> ConnectEncoder.writeConnAck(out, (ConnAckPacket) packet, v);
            case PUBACK -> {
                PubAckPacket p = (PubAckPacket) packet;
                PublishEncoder.writeAck(out, p.packetId(), p.reasonCode(), p.properties(), v);
            }
            case PUBREC -> {
                PubRecPacket p = (PubRecPacket) packet;
                PublishEncoder.writeAck(out, p.packetId(), p.reasonCode(), p.properties(), v);
            }
            case PUBREL -> {
                PubRelPacket p = (PubRelPacket) packet;
                PublishEncoder.writeAck(out, p.packetId(), p.reasonCode(), p.properties(), v);
            }
            case PUBCOMP -> {
                PubCompPacket p = (PubCompPacket) packet;
                PublishEncoder.writeAck(out, p.packetId(), p.reasonCode(), p.properties(), v);
            }
            case SUBSCRIBE -> SubscribeEncoder.writeSubscribe(out, (SubscribePacket) packet, v);
            case SUBACK -> SubscribeEncoder.writeSubAck(out, (SubAckPacket) packet, v);
            case UNSUBSCRIBE -> SubscribeEncoder.writeUnsubscribe(out, (UnsubscribePacket) packet, v);
            case UNSUBACK -> SubscribeEncoder.writeUnsubAck(out, (UnsubAckPacket) packet, v);
            case PINGREQ, PINGRESP -> {
            }
            case DISCONNECT -> {
                DisconnectPacket p = (DisconnectPacket) packet;
                writeReasonAndProperties(out, p.reasonCode(), p.properties(), v, true);
            }
            case AUTH -> {
                AuthPacket p = (AuthPacket) packet;
                writeReasonAndProperties(out, p.reasonCode(), p.properties(), v, false);
            }
            case PUBLISH -> throw new IllegalStateException("PUBLISH is encoded by encodePublishHeader");
        }
    }

    /**
     * DISCONNECT and AUTH: empty in 3.x; in MQTT 5 empty when Success/Normal with no properties (3.14.2.1,
     * 3.15.2.1). DISCONNECT may also drop only the Property Length; AUTH always writes it with a Reason Code.
     */
    private static int reasonAndPropertiesSize(ReasonCode code, MqttProperties properties, MqttVersion v,
                                               boolean mayOmitPropertyLength) {
        if (!v.isV5()) {
            return 0;
        }
        int propertiesSize = PropertiesEncoder.size(properties);
        if (propertiesSize == 0 && code == ReasonCode.SUCCESS) {
            return 0;
        }
        if (propertiesSize == 0 && mayOmitPropertyLength) {
            return 1;
        }
        return 1 + PropertiesEncoder.blockSize(propertiesSize);
    }

    private static void writeReasonAndProperties(ByteBuf out, ReasonCode code, MqttProperties properties,
                                                 MqttVersion v, boolean mayOmitPropertyLength) {
        if (!v.isV5()) {
            return;
        }
        int propertiesSize = PropertiesEncoder.size(properties);
        if (propertiesSize == 0 && code == ReasonCode.SUCCESS) {
            return;
        }
        out.writeByte(code.value());
        if (propertiesSize > 0 || !mayOmitPropertyLength) {
            PropertiesEncoder.write(out, properties, propertiesSize);
        }
    }
}
