package io.berth.cli.bench;

import java.nio.ByteBuffer;

/**
 * A bench message: the 4-byte marker {@code BRTB} and the send time in epoch microseconds, then zero padding up to
 * the requested size. Messages shorter than {@link #HEADER} bytes carry no time and give no latency.
 */
final class BenchPayload {

    static final int HEADER = 12;
    private static final int MAGIC = 0x42525442; // "BRTB"

    private BenchPayload() {
    }

    static byte[] create(int size, long sentMicros) {
        byte[] b = new byte[size];
        if (size >= HEADER) {
            ByteBuffer.wrap(b).putInt(MAGIC).putLong(sentMicros);
        }
        return b;
    }

    /** The send time carried by {@code payload}, or -1. */
    static long sentMicros(byte[] payload) {
        if (payload.length < HEADER) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        return b.getInt() == MAGIC ? b.getLong() : -1;
    }
}
