package io.berth.cli.check;

import java.util.Locale;

final class Timing {

    private Timing() {
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
