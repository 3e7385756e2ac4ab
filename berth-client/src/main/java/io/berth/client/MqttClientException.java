package io.berth.client;

/**
 * Why a connection or a request failed, in words fit for a user: the message needs no stack trace to be
 * understood (e.g. {@code Connection refused: 127.0.0.1:1883}).
 */
public class MqttClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MqttClientException(String message) {
        super(message);
    }

    public MqttClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
