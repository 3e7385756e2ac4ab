package io.berth.server.config;

/**
 * A rate such as {@code "100/s"}, {@code "6000/m"} or {@code "1MB/s"}: so many events (or bytes) per second.
 *
 * @param perSecond events or bytes per second, positive
 * @param text      as written in the config
 */
public record Rate(double perSecond, String text) {

    public Rate {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("a rate must be positive: " + text);
        }
    }

    /** A rate of {@code n} per second. */
    public static Rate perSecond(double n) {
        return new Rate(n, (n == Math.rint(n) ? Long.toString((long) n) : Double.toString(n)) + "/s");
    }

    /** Rates are equal when they allow the same per second, however written. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Rate r && Double.compare(r.perSecond, perSecond) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(perSecond);
    }

    @Override
    public String toString() {
        return text;
    }
}
