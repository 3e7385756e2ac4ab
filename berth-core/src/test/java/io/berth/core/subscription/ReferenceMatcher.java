package io.berth.core.subscription;

/**
 * A slow, obviously correct topic matcher (MQTT section 4.7) that the tree-based matchers are tested
 * against: levels are separated by {@code /}, empty levels are real levels, nothing is normalised
 * (MQTT-4.7.3-4), and filters starting with a wildcard do not match topics starting with {@code $}
 * (MQTT-4.7.2-1).
 */
public final class ReferenceMatcher {

    private ReferenceMatcher() {
    }

    public static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        if (topic.startsWith("$") && (f[0].equals("+") || f[0].equals("#"))) {
            return false;
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
