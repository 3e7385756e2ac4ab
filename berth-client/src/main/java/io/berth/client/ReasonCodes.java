package io.berth.client;

import io.berth.codec.ReasonCode;

import java.util.Locale;

/** Reason codes in words, for messages people read. */
public final class ReasonCodes {

    private ReasonCodes() {
    }

    /** The spec's name for the code in lower case, e.g. {@code bad user name or password}. */
    public static String words(ReasonCode code) {
        return code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Words and the code in hex, e.g. {@code not authorized (0x87)}. */
    public static String describe(ReasonCode code) {
        return words(code) + String.format(" (0x%02X)", code.value());
    }
}
