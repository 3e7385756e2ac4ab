package io.berth.client;

import io.netty.channel.ConnectTimeoutException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/** Turns a failed TCP connect into a one-line message naming the address. */
final class ConnectFailures {

    private ConnectFailures() {
    }

    static MqttClientException describe(Throwable cause, String host, int port) {
        String address = host + ":" + port;
        String message;
        if (cause instanceof ConnectTimeoutException) {
            message = "Connection timed out: " + address + " (a firewall dropping packets, or the wrong host?)";
        } else if (cause instanceof NoRouteToHostException) {
            message = "No route to host: " + address;
        } else if (cause instanceof ConnectException) {
            message = "Connection refused: " + address + " (is the broker running and listening on that port?)";
        } else if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
            message = "Unknown host: " + host;
        } else {
            message = "Cannot connect to " + address + ": " + cause.getMessage();
        }
        return new MqttClientException(message, cause);
    }
}
