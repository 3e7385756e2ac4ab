package io.berth.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keys of the column families. A session's records are keyed by its client identifier in UTF-8, a 0x00 byte (MQTT
 * strings never contain U+0000, MQTT-1.5.4-2), then a suffix: the message id as 8 big-endian bytes (so a session's
 * messages iterate in arrival order), a topic filter in UTF-8, or a packet identifier as 2 big-endian bytes.
 * Sessions and retained messages are keyed by the client identifier or the topic alone.
 */
final class Keys {

    private Keys() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    /** clientId 0x00: the first key of a session's range. */
    static byte[] sessionStart(String clientId) {
        byte[] id = utf8(clientId);
        return Arrays.copyOf(id, id.length + 1);
    }

    /** clientId 0x01: just past the last key of a session's range. */
    static byte[] sessionEnd(String clientId) {
        byte[] k = sessionStart(clientId);
        k[k.length - 1] = 1;
        return k;
    }

    static byte[] message(String clientId, long messageId) {
        byte[] start = sessionStart(clientId);
        return ByteBuffer.allocate(start.length + 8).put(start).putLong(messageId).array();
    }

    static byte[] subscription(String clientId, String fullTopicFilter) {
        byte[] start = sessionStart(clientId);
        byte[] filter = utf8(fullTopicFilter);
        return ByteBuffer.allocate(start.length + filter.length).put(start).put(filter).array();
    }

    static byte[] packetId(String clientId, int packetId) {
        byte[] start = sessionStart(clientId);
        return ByteBuffer.allocate(start.length + 2).put(start).putShort((short) packetId).array();
    }

    /** Index of the 0x00 separating client id and suffix, or -1. */
    static int separator(byte[] key) {
        for (int i = 0; i < key.length; i++) {
            if (key[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    static String clientId(byte[] key) {
        int sep = separator(key);
        if (sep < 0) {
            throw new RecordCodec.CorruptRecordException("key without a client id separator");
        }
        return new String(key, 0, sep, StandardCharsets.UTF_8);
    }

    static byte[] suffix(byte[] key) {
        int sep = separator(key);
        return Arrays.copyOfRange(key, sep + 1, key.length);
    }

    static long messageId(byte[] key) {
        byte[] suffix = suffix(key);
        if (suffix.length != 8) {
            throw new RecordCodec.CorruptRecordException("message key suffix of " + suffix.length + " bytes");
        }
        return ByteBuffer.wrap(suffix).getLong();
    }

    static int packetId(byte[] key) {
        byte[] suffix = suffix(key);
        if (suffix.length != 2) {
            throw new RecordCodec.CorruptRecordException("packet id key suffix of " + suffix.length + " bytes");
        }
        return ByteBuffer.wrap(suffix).getShort() & 0xFFFF;
    }
}
