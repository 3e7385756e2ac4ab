package io.berth.it.malformed;

import io.berth.codec.MqttVersion;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds exact packet bytes for malformed-input tests: fields in wire order, then {@link #frame} adds the header. */
final class WireBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static WireBytes body() {
        return new WireBytes();
    }

    WireBytes u8(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    WireBytes u16(int v) {
        return u8(v >> 8 & 0xFF, v & 0xFF);
    }

    WireBytes varInt(int v) {
        int rest = v;
        do {
            int b = rest & 0x7F;
            rest >>>= 7;
            out.write(rest > 0 ? b | 0x80 : b);
        } while (rest > 0);
        return this;
    }

    WireBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** A UTF-8 Encoded String: 2-byte length, then the bytes. */
    WireBytes str(String s) {
        return lengthPrefixed(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A string field made of exactly these bytes (valid UTF-8 or not), with their 2-byte length. */
    WireBytes lengthPrefixed(byte[] bytes) {
        u16(bytes.length);
        return raw(bytes);
    }

    /** An MQTT 5 property block: Property Length, then the given property bytes. */
    WireBytes properties(WireBytes properties) {
        byte[] p = properties.toBytes();
        varInt(p.length);
        return raw(p);
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    /** The packet: first byte, Remaining Length, then this body. */
    byte[] frame(int firstByte) {
        byte[] b = toBytes();
        return new WireBytes().u8(firstByte).varInt(b.length).raw(b).toBytes();
    }

    /**
     * A PUBLISH whose Topic Name field holds exactly {@code topic} (any bytes), with a packet identifier when
     * {@code packetId >= 0}, no properties in MQTT 5, and a short payload.
     */
    static byte[] publish(MqttVersion version, int firstByte, byte[] topic, int packetId) {
        WireBytes body = body().lengthPrefixed(topic);
        if (packetId >= 0) {
            body.u16(packetId);
        }
        if (version.isV5()) {
            body.u8(0x00);
        }
        return body.u8('h', 'i').frame(firstByte);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        return new WireBytes().u8(values).toBytes();
    }
}
