package io.berth.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds packet bytes for tests: fields in wire order, then {@link #frame} adds the fixed header. */
final class Bytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Bytes body() {
        return new Bytes();
    }

    /** Hex digits, spaces ignored. */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String toHex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    Bytes u8(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    Bytes u16(int v) {
        return u8(v >> 8 & 0xFF, v & 0xFF);
    }

    Bytes u32(long v) {
        return u8((int) (v >> 24 & 0xFF), (int) (v >> 16 & 0xFF), (int) (v >> 8 & 0xFF), (int) (v & 0xFF));
    }

    Bytes varInt(int v) {
        do {
            int b = v & 0x7F;
            v >>>= 7;
            out.write(v > 0 ? b | 0x80 : b);
        } while (v > 0);
        return this;
    }

    Bytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    Bytes hexBytes(String hex) {
        return raw(hex(hex));
    }

    /** A UTF-8 string with its 2-byte length. */
    Bytes str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u16(b.length).raw(b);
    }

    /** Raw bytes with a 2-byte length in front: for strings that Java cannot produce (invalid UTF-8). */
    Bytes lenBytes(byte[] b) {
        return u16(b.length).raw(b);
    }

    /** A property block: Property Length then the given properties. */
    Bytes props(Bytes properties) {
        byte[] p = properties.toByteArray();
        return varInt(p.length).raw(p);
    }

    /** An empty property block. */
    Bytes noProps() {
        return u8(0);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Fixed header (the given first byte and the Remaining Length) followed by this body. */
    byte[] frame(int firstByte) {
        byte[] b = toByteArray();
        return new Bytes().u8(firstByte).varInt(b.length).raw(b).toByteArray();
    }
}
