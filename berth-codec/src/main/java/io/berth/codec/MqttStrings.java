package io.berth.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 Encoded Strings as MQTT defines them (spec 1.5.4). A valid MQTT string is well-formed UTF-8 (no overlong
 * forms, no surrogates U+D800..U+DFFF, nothing above U+10FFFF) without U+0000 (MQTT-1.5.4-1, MQTT-1.5.4-2).
 * Like Mosquitto, Berth also refuses the code points the spec says SHOULD NOT appear and MAY be treated as
 * malformed: the control characters U+0001..U+001F and U+007F..U+009F, and the non-characters U+FDD0..U+FDEF and
 * U+nFFFE/U+nFFFF of every plane. Stateless and thread-safe.
 */
public final class MqttStrings {

    /** Printable ASCII (0x20..0x7E): the fast path. Non-ASCII bytes are negative and fail the test. */
    private static final ByteProcessor PRINTABLE_ASCII = b -> b >= 0x20 && b != 0x7F;

    private MqttStrings() {
    }

    /**
     * Decodes {@code length} bytes at {@code index} (indexes and reader index untouched) as an MQTT string.
     *
     * @return the string, or {@code null} when the bytes are not a valid MQTT string
     */
    public static String decode(ByteBuf buf, int index, int length) {
        if (length == 0) {
            return "";
        }
        if (buf.forEachByte(index, length, PRINTABLE_ASCII) == -1) {
            return buf.toString(index, length, StandardCharsets.US_ASCII);
        }
        char[] chars = new char[length];
        int n = scan(buf, index, length, chars, true);
        return n < 0 ? null : new String(chars, 0, n);
    }

    /**
     * Whether the bytes are well-formed UTF-8 (Unicode and RFC 3629), with none of the MQTT restrictions on
     * particular code points. This is the test for a payload with Payload Format Indicator 1 (spec 3.3.2.3.2).
     */
    public static boolean isWellFormedUtf8(ByteBuf buf, int index, int length) {
        return scan(buf, index, length, null, false) >= 0;
    }

    /**
     * Whether a Java string may be sent as an MQTT string: no unpaired surrogates, none of the code points
     * {@link #decode} refuses, and at most 65,535 bytes of UTF-8.
     */
    public static boolean isValid(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int cp = c;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                cp = Character.toCodePoint(c, s.charAt(++i));
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
            if (!isAllowed(cp)) {
                return false;
            }
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        }
        return bytes <= Wire.MAX_STRING_BYTES;
    }

    /** The number of bytes the string takes in UTF-8 (unpaired surrogates count as one byte, as Netty writes '?'). */
    public static int utf8Length(CharSequence s) {
        return ByteBufUtil.utf8Bytes(s);
    }

    /** Whether MQTT lets a string carry this code point (see the class comment). */
    static boolean isAllowed(int cp) {
        if (cp <= 0x1F || (cp >= 0x7F && cp <= 0x9F)) {
            return false;
        }
        if (cp >= 0xFDD0 && cp <= 0xFDEF) {
            return false;
        }
        return (cp & 0xFFFE) != 0xFFFE;
    }

    /**
     * Validates and optionally decodes UTF-8. Returns the number of chars written to {@code out} (or that would
     * have been), or -1 when the bytes are invalid. {@code out} may be null to validate only.
     */
    private static int scan(ByteBuf buf, int index, int length, char[] out, boolean mqtt) {
        int n = 0;
        int i = index;
        int end = index + length;
        while (i < end) {
            int b = buf.getByte(i++) & 0xFF;
            int cp;
            if (b < 0x80) {
                cp = b;
            } else if (b >= 0xC2 && b <= 0xDF) {
                if (i >= end) {
                    return -1;
                }
                int c1 = continuation(buf.getByte(i++));
                if (c1 < 0) {
                    return -1;
                }
                cp = ((b & 0x1F) << 6) | c1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                if (i + 1 >= end) {
                    return -1;
                }
                int c1 = continuation(buf.getByte(i++));
                int c2 = continuation(buf.getByte(i++));
                if ((c1 | c2) < 0) {
                    return -1;
                }
                cp = ((b & 0x0F) << 12) | (c1 << 6) | c2;
                if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    return -1;
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                if (i + 2 >= end) {
                    return -1;
                }
                int c1 = continuation(buf.getByte(i++));
                int c2 = continuation(buf.getByte(i++));
                int c3 = continuation(buf.getByte(i++));
                if ((c1 | c2 | c3) < 0) {
                    return -1;
                }
                cp = ((b & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
                if (cp < 0x10000 || cp > 0x10FFFF) {
                    return -1;
                }
            } else {
                // 0x80..0xC1 (stray continuation or overlong 2-byte lead) and 0xF5..0xFF never start a sequence
                return -1;
            }
            if (mqtt && !isAllowed(cp)) {
                return -1;
            }
            if (cp >= 0x10000) {
                if (out != null) {
                    out[n] = Character.highSurrogate(cp);
                    out[n + 1] = Character.lowSurrogate(cp);
                }
                n += 2;
            } else {
                if (out != null) {
                    out[n] = (char) cp;
                }
                n++;
            }
        }
        return n;
    }

    /** The 6 payload bits of a continuation byte, or -1 when the byte is not 10xxxxxx. */
    private static int continuation(byte b) {
        return (b & 0xC0) == 0x80 ? b & 0x3F : -1;
    }
}
