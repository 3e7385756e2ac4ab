package io.berth.cli.bench;

/** emqtt-bench's topic patterns: {@code %i} is the client's sequence number (from 1), {@code %c} its client id. */
final class TopicPattern {

    private TopicPattern() {
    }

    static String expand(String pattern, int sequence, String clientId) {
        return pattern.replace("%i", Integer.toString(sequence)).replace("%c", clientId);
    }
}
