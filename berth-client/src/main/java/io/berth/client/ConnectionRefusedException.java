package io.berth.client;

/** The server answered CONNECT with a CONNACK refusing the connection. */
public final class ConnectionRefusedException extends MqttClientException {

    private static final long serialVersionUID = 1L;

    private final transient ConnAck connAck;

    public ConnectionRefusedException(ConnAck connAck) {
        super("Connection refused: " + connAck.describe());
        this.connAck = connAck;
    }

    public ConnAck connAck() {
        return connAck;
    }
}
