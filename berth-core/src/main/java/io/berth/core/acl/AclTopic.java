package io.berth.core.acl;

import io.berth.core.auth.ClientIdentity;

/**
 * The topic part of an ACL rule: a topic filter, possibly with {@code ${username}}, {@code ${clientid}} and
 * {@code ${cert_common_name}} placeholders, or {@code {eq, "..."}} for a literal string compared as written (so a
 * rule can name the filter {@code #} itself rather than every topic).
 *
 * <p>A PUBLISH topic matches a filter as in MQTT (the {@code $}-topic rule included). A SUBSCRIBE filter matches when
 * every topic it can receive is matched by the rule's filter: rule {@code a/+} covers a subscription to {@code a/b}
 * and to {@code a/+}, but rule {@code a/b} does not cover {@code a/+}.
 *
 * @param pattern the filter or literal as written in the file
 * @param eq      whether it is an {@code eq} literal
 */
public record AclTopic(String pattern, boolean eq) {

    private static final String USERNAME = "${username}";
    private static final String CLIENTID = "${clientid}";
    private static final String CERT_CN = "${cert_common_name}";

    public boolean matches(String topic, AclAction action, ClientIdentity client) {
        if (eq) {
            return pattern.equals(topic);
        }
        String filter = resolve(client);
        if (filter == null) {
            return false;
        }
        return action == AclAction.PUBLISH ? TopicMatch.matches(filter, topic) : TopicMatch.covers(filter, topic);
    }

    /**
     * The filter with placeholders filled in, or null when a placeholder has no value (anonymous client) or a value
     * that would change the filter's shape ({@code +}, {@code #} or {@code /} in a user name).
     */
    String resolve(ClientIdentity client) {
        if (pattern.indexOf('$') < 0 || !pattern.contains("${")) {
            return pattern;
        }
        String out = pattern;
        if (out.contains(USERNAME)) {
            if (!safe(client.username())) {
                return null;
            }
            out = out.replace(USERNAME, client.username());
        }
        if (out.contains(CLIENTID)) {
            if (!safe(client.clientId())) {
                return null;
            }
            out = out.replace(CLIENTID, client.clientId());
        }
        if (out.contains(CERT_CN)) {
            if (!safe(client.certCommonName())) {
                return null;
            }
            out = out.replace(CERT_CN, client.certCommonName());
        }
        return out;
    }

    private static boolean safe(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+' || c == '#' || c == '/') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return eq ? "{eq, \"" + pattern + "\"}" : "\"" + pattern + "\"";
    }
}
