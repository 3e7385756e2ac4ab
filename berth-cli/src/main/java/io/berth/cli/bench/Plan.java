package io.berth.cli.bench;

/**
 * What one run does: how many subscribers and publishers, on which topic patterns, and the message flow.
 *
 * @param name                  the mode or scenario, for the summary
 * @param connectionsOnly       clients that only connect (conn mode), 0 otherwise
 * @param subscribers           subscribing clients, each on {@code subscribeTopic} expanded
 * @param publishers            publishing clients, each on {@code publishTopic} expanded
 * @param publishIntervalNanos  time between two messages of one publisher
 * @param messagesPerPublisher  0 for no limit (then the duration bounds the run)
 * @param receiveLimit          sub mode: stop after this many messages in all, 0 for none
 * @param receiversPerMessage   how many subscribers get each message (to know when all arrived), 0 if unknown
 */
record Plan(String name, int connectionsOnly, int subscribers, String subscribeTopic, int publishers,
            String publishTopic, int qos, int payloadSize, boolean retain, long publishIntervalNanos,
            long messagesPerPublisher, long receiveLimit, int receiversPerMessage) {

    int clients() {
        return connectionsOnly + subscribers + publishers;
    }

    /** Whether the run ends by itself (limits reached) rather than by its duration. */
    boolean bounded() {
        return connectionsOnly > 0 || (publishers > 0 && messagesPerPublisher > 0)
                || (publishers == 0 && receiveLimit > 0);
    }
}
