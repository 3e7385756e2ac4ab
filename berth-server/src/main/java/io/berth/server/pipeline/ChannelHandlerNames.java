package io.berth.server.pipeline;

/** Names of the handlers in an MQTT connection's pipeline, in pipeline order. */
public final class ChannelHandlerNames {
    public static final String CONNECTION_LIMIT = "connectionLimit";
    public static final String TRAFFIC_COUNTER = "trafficCounter";
    public static final String MQTT_DECODER = "mqttDecoder";
    public static final String MQTT_ENCODER = "mqttEncoder";
    public static final String MQTT_CONNECTION = "mqttConnection";

    private ChannelHandlerNames() {
    }
}
