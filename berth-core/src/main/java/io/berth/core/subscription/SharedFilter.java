package io.berth.core.subscription;

import java.util.Objects;

/**
 * A shared subscription's topic filter split into share name and filter (MQTT 5 section 4.8.2), also
 * for EMQX's {@code $queue/<filter>}, which is the group {@value #QUEUE_GROUP}. Immutable.
 */
public record SharedFilter(String group, String filter) {

    /** The group name used for {@code $queue/<filter>}. */
    public static final String QUEUE_GROUP = "$queue";

    private static final String SHARE_PREFIX = "$share/";
    private static final String QUEUE_PREFIX = "$queue/";

    public SharedFilter {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(filter, "filter");
    }

    /**
     * Splits a filter as received in SUBSCRIBE or UNSUBSCRIBE.
     *
     * @return null when the filter is not shared (it does not start with {@code $share/} or {@code $queue/})
     * @throws IllegalArgumentException when it starts with {@code $share/} but has an empty share name, a
     *         share name containing {@code +} or {@code #}, or no filter after the share name
     *         (MQTT-4.8.2-1, MQTT-4.8.2-2), or is {@code $queue/} with nothing after it
     */
    public static SharedFilter parse(String fullFilter) {
        if (fullFilter.startsWith(SHARE_PREFIX)) {
            int slash = fullFilter.indexOf('/', SHARE_PREFIX.length());
            if (slash < 0) {
                throw new IllegalArgumentException("shared subscription without a topic filter: " + fullFilter);
            }
            String group = fullFilter.substring(SHARE_PREFIX.length(), slash);
            if (group.isEmpty() || group.indexOf('+') >= 0 || group.indexOf('#') >= 0) {
                throw new IllegalArgumentException("invalid share name in " + fullFilter);
            }
            return new SharedFilter(group, nonEmptyFilter(fullFilter, slash + 1));
        }
        if (fullFilter.startsWith(QUEUE_PREFIX)) {
            return new SharedFilter(QUEUE_GROUP, nonEmptyFilter(fullFilter, QUEUE_PREFIX.length()));
        }
        return null;
    }

    private static String nonEmptyFilter(String fullFilter, int start) {
        if (start >= fullFilter.length()) {
            throw new IllegalArgumentException("shared subscription without a topic filter: " + fullFilter);
        }
        return fullFilter.substring(start);
    }

    /** The filter as a client writes it: {@code $share/<group>/<filter>} or {@code $queue/<filter>}. */
    public String fullFilter() {
        return QUEUE_GROUP.equals(group) ? QUEUE_PREFIX + filter : SHARE_PREFIX + group + '/' + filter;
    }
}
