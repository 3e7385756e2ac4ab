package io.berth.server.pipeline;

/** Names of the handlers in an MQTT connection's pipeline, in pipeline order. */
public final class ChannelHandlerNames {
    public static final String PROXY_PROTOCOL_SNIFFER = "proxyProtocolSniffer";
    public static final String PROXY_PROTOCOL_DECODER = "proxyProtocolDecoder";
    public static final String PROXY_PROTOCOL = "proxyProtocol";
    public static final String CONNECTION_LIMIT = "connectionLimit";
    public static final String TRAFFIC_COUNTER = "trafficCounter";
    public static final String BYTES_RATE = "bytesRate";
    public static final String TLS = "tls";
    public static final String TLS_HANDSHAKE = "tlsHandshake";
    public static final String HTTP_CODEC = "httpCodec";
    public static final String HTTP_AGGREGATOR = "httpAggregator";
    public static final String WEBSOCKET_GATE = "websocketGate";
    public static final String WEBSOCKET_PROTOCOL = "websocketProtocol";
    public static final String WEBSOCKET_FRAMES = "websocketFrames";
    public static final String MQTT_DECODER = "mqttDecoder";
    public static final String MQTT_ENCODER = "mqttEncoder";
    public static final String MESSAGES_RATE = "messagesRate";
    public static final String PEER_CERT_USERNAME = "peerCertUsername";
    public static final String MQTT_CONNECTION = "mqttConnection";

    private ChannelHandlerNames() {
    }
}
