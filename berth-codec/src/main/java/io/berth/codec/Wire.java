package io.berth.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/** Reading and writing the MQTT data representations of spec section 1.5, shared by the decoders and encoders. */
final class Wire {

    /** The largest value a Variable Byte Integer can hold (spec 1.5.5). */
    static final int MAX_VAR_INT = 268_435_455;
    static final int MAX_STRING_BYTES = 65_535;

    private Wire() {
    }

    // ---- decoding: every method throws DecodeException (or IndexOutOfBoundsException when bytes run out) ----

    /** Reads a Variable Byte Integer: at most 4 bytes, minimally encoded (MQTT-1.5.5-1). */
    static int readVarInt(ByteBuf in) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw DecodeException.malformed("variable byte integer not minimally encoded (MQTT-1.5.5-1)");
                }
                return value;
            }
        }
        throw DecodeException.malformed("variable byte integer longer than 4 bytes");
    }

    /** Reads a UTF-8 Encoded String (spec 1.5.4), validated by {@link MqttStrings#decode}. */
    static String readString(ByteBuf in, String what) {
        int length = in.readUnsignedShort();
        if (length > in.readableBytes()) {
            throw DecodeException.malformed(what + " runs past the end of the packet");
        }
        String s = MqttStrings.decode(in, in.readerIndex(), length);
        if (s == null) {
            throw DecodeException.malformed(what + " is not a valid MQTT UTF-8 string (MQTT-1.5.4-1/2)");
        }
        in.skipBytes(length);
        return s;
    }

    /** Reads Binary Data (spec 1.5.6) into a new array. */
    static byte[] readBinary(ByteBuf in, String what) {
        int length = in.readUnsignedShort();
        if (length > in.readableBytes()) {
            throw DecodeException.malformed(what + " runs past the end of the packet");
        }
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }

    /** Reads a non-zero Packet Identifier (MQTT-2.3.1-1). */
    static int readPacketId(ByteBuf in) {
        int id = in.readUnsignedShort();
        if (id == 0) {
            throw DecodeException.malformed("packet identifier 0 (MQTT-2.3.1-1)");
        }
        return id;
    }

    /** Reads a reason code byte; a value the spec does not define is malformed. */
    static ReasonCode readReasonCode(ByteBuf in) {
        int value = in.readUnsignedByte();
        ReasonCode code = ReasonCode.of(value);
        if (code == null) {
            throw DecodeException.malformed(String.format("undefined reason code 0x%02X", value));
        }
        return code;
    }

    // ---- encoding: a value that cannot be represented is a programming error (IllegalArgumentException) ----

    static int varIntSize(int value) {
        if (value < 0 || value > MAX_VAR_INT) {
            throw new IllegalArgumentException("value out of variable byte integer range: " + value);
        }
        if (value < 128) {
            return 1;
        }
        if (value < 16_384) {
            return 2;
        }
        return value < 2_097_152 ? 3 : 4;
    }

    static void writeVarInt(ByteBuf out, int value) {
        int v = value;
        do {
            int b = v & 0x7F;
            v >>>= 7;
            out.writeByte(v > 0 ? b | 0x80 : b);
        } while (v > 0);
    }

    /** Bytes a UTF-8 Encoded String takes on the wire, including its 2-byte length. */
    static int stringSize(String s) {
        int n = ByteBufUtil.utf8Bytes(s);
        if (n > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("string longer than 65535 UTF-8 bytes");
        }
        return 2 + n;
    }

    static void writeString(ByteBuf out, String s) {
        int lengthIndex = out.writerIndex();
        out.writeShort(0);
        int n = ByteBufUtil.writeUtf8(out, s);
        if (n > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("string longer than 65535 UTF-8 bytes");
        }
        out.setShort(lengthIndex, n);
    }

    static int binarySize(byte[] b) {
        if (b.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("binary data longer than 65535 bytes");
        }
        return 2 + b.length;
    }

    static void writeBinary(ByteBuf out, byte[] b) {
        out.writeShort(b.length);
        out.writeBytes(b);
    }
}
