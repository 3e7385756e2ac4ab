package io.berth.core.acl;

/** Topic filter matching for ACL rules, by levels. */
final class TopicMatch {

    private TopicMatch() {
    }

    /** Whether topic name {@code topic} matches {@code filter} (spec 4.7, with the {@code $}-topic rule 4.7.2). */
    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        if (topic.startsWith("$") && (f[0].equals("+") || f[0].equals("#"))) {
            return false; // MQTT-4.7.2-1
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true; // also matches the parent level: "a/#" matches "a"
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    /** Whether every topic that subscription filter {@code requested} can match is matched by {@code rule}. */
    static boolean covers(String rule, String requested) {
        String[] r = rule.split("/", -1);
        String[] s = requested.split("/", -1);
        if (requested.startsWith("$") && (r[0].equals("+") || r[0].equals("#"))) {
            return false;
        }
        for (int i = 0; i < r.length; i++) {
            if (r[i].equals("#")) {
                return true;
            }
            if (i >= s.length) {
                return false;
            }
            if (s[i].equals("#")) {
                return false; // the subscription reaches levels the rule does not
            }
            if (r[i].equals("+")) {
                continue;
            }
            if (s[i].equals("+") || !r[i].equals(s[i])) {
                return false;
            }
        }
        return r.length == s.length;
    }
}
