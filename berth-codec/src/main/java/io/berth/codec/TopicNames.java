package io.berth.codec;

/**
 * Topic Name and Topic Filter syntax (spec 4.7). Stateless and thread-safe.
 *
 * <p>Shared subscriptions are recognised in two forms: {@code $share/<group>/<filter>} (MQTT 5, spec 4.8.2) and
 * EMQX's {@code $queue/<filter>}. Both are accepted whatever the protocol version.
 */
public final class TopicNames {

    public static final String SHARE_PREFIX = "$share/";
    public static final String QUEUE_PREFIX = "$queue/";

    private TopicNames() {
    }

    /**
     * A Topic Name to publish to: at least one character (MQTT-4.7.3-1), no wildcard characters (MQTT-3.3.2-2),
     * no U+0000 (MQTT-4.7.3-2), at most 65,535 bytes of UTF-8 (MQTT-4.7.3-3).
     */
    public static boolean isValidTopicName(String topic) {
        if (topic == null || topic.isEmpty()) {
            return false;
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#' || c == '\u0000') {
                return false;
            }
        }
        return fitsInString(topic);
    }

    /**
     * A Topic Filter to subscribe to: '#' only alone in the last level (MQTT-4.7.1-2), '+' only as a whole level
     * (MQTT-4.7.1-3), at least one character, no U+0000, at most 65,535 bytes. A shared subscription needs a
     * non-empty share name without '/', '+' or '#' (MQTT-4.8.2-1, MQTT-4.8.2-2) and a valid filter after it.
     */
    public static boolean isValidTopicFilter(String filter) {
        if (filter == null || filter.isEmpty() || !fitsInString(filter)) {
            return false;
        }
        if (filter.startsWith(SHARE_PREFIX)) {
            int slash = filter.indexOf('/', SHARE_PREFIX.length());
            if (slash <= SHARE_PREFIX.length()) {
                return false; // no share name, or no '/' before the filter
            }
            for (int i = SHARE_PREFIX.length(); i < slash; i++) {
                char c = filter.charAt(i);
                if (c == '+' || c == '#') {
                    return false;
                }
            }
            return isValidPlainFilter(filter, slash + 1);
        }
        if (filter.startsWith(QUEUE_PREFIX)) {
            return isValidPlainFilter(filter, QUEUE_PREFIX.length());
        }
        return isValidPlainFilter(filter, 0);
    }

    /** Whether a (valid) filter names a shared subscription, in the {@code $share/} or {@code $queue/} form. */
    public static boolean isShared(String filter) {
        return filter.startsWith(SHARE_PREFIX) || filter.startsWith(QUEUE_PREFIX);
    }

    /** The index just past the level that starts at {@code start}: the next '/' or the end of the string. */
    public static int levelEnd(String topic, int start) {
        int slash = topic.indexOf('/', start);
        return slash < 0 ? topic.length() : slash;
    }

    /** The number of levels: one more than the number of '/' separators ({@code "a//b"} has 3). */
    public static int levels(String topic) {
        int n = 1;
        for (int i = 0; i < topic.length(); i++) {
            if (topic.charAt(i) == '/') {
                n++;
            }
        }
        return n;
    }

    /** Checks the filter that starts at {@code from}, which must leave at least one character. */
    private static boolean isValidPlainFilter(String f, int from) {
        int end = f.length();
        if (from >= end) {
            return false;
        }
        for (int i = from; i < end; i++) {
            char c = f.charAt(i);
            boolean levelStart = i == from || f.charAt(i - 1) == '/';
            boolean levelEnd = i == end - 1 || f.charAt(i + 1) == '/';
            if (c == '#') {
                if (!levelStart || i != end - 1) {
                    return false;
                }
            } else if (c == '+') {
                if (!levelStart || !levelEnd) {
                    return false;
                }
            } else if (c == '\u0000') {
                return false;
            }
        }
        return true;
    }

    private static boolean fitsInString(String s) {
        // Each char is at most 3 UTF-8 bytes: only long strings need counting.
        return s.length() <= Wire.MAX_STRING_BYTES / 3 || MqttStrings.utf8Length(s) <= Wire.MAX_STRING_BYTES;
    }
}
