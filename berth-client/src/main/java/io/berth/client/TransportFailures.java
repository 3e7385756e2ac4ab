package io.berth.client;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.ssl.NotSslRecordException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateException;

/** Turns an error on an open connection (TLS handshake, WebSocket upgrade, I/O) into a one-line message. */
final class TransportFailures {

    private TransportFailures() {
    }

    /** Why a server closes during our TLS handshake, most of the time. */
    static final String CLOSED_IN_HANDSHAKE = " (is it a plain MQTT port? use mqtt:// or ws://; or does it want "
            + "a client certificate? give --cert and --key)";

    static MqttClientException describe(Throwable cause, String address, boolean connected, boolean handshaking) {
        if (handshaking && has(cause, ClosedChannelException.class)) {
            return new MqttClientException("TLS handshake with " + address + " failed: the server closed the "
                    + "connection" + CLOSED_IN_HANDSHAKE, cause);
        }
        if (has(cause, NotSslRecordException.class)) {
            return new MqttClientException("TLS handshake with " + address + " failed: the server did not answer "
                    + "with TLS (a plain MQTT or HTTP port? use mqtt:// or ws://)", cause);
        }
        WebSocketHandshakeException ws = find(cause, WebSocketHandshakeException.class);
        if (ws != null) {
            String status = ws instanceof WebSocketClientHandshakeException c && c.response() != null
                    ? " (HTTP " + c.response().status() + ")" : "";
            return new MqttClientException("WebSocket upgrade at " + address + " refused" + status + ": "
                    + ws.getMessage() + " (is the path right, and is it an MQTT WebSocket listener?)", cause);
        }
        SSLException ssl = find(cause, SSLException.class);
        if (ssl != null) {
            return new MqttClientException("TLS handshake with " + address + " failed: " + tlsReason(ssl), cause);
        }
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return new MqttClientException("Connection to " + address + (connected ? " lost: " : " failed: ")
                + message, cause);
    }

    private static String tlsReason(SSLException e) {
        if (has(e, CertificateExpiredException.class)) {
            return "the server's certificate has expired";
        }
        String all = messages(e);
        if (all.contains("No subject alternative") || all.contains("No name matching")) {
            return "the server's certificate does not name this host (" + firstMessage(e) + "); connect with a "
                    + "name the certificate lists";
        }
        if (has(e, CertPathValidatorException.class) || all.contains("PKIX path")
                || all.contains("unable to find valid certification path")) {
            return "the server's certificate is not trusted: give the CA that signed it with --cafile";
        }
        if (has(e, CertificateException.class)) {
            return "the server's certificate was refused: " + firstMessage(e);
        }
        if (all.contains("bad_certificate") || all.contains("certificate_required")) {
            return "the server refused our client certificate, or wants one (--cert and --key): "
                    + firstMessage(e);
        }
        if (e instanceof SSLHandshakeException && all.contains("protocol_version")) {
            return "no TLS version in common with the server: " + firstMessage(e);
        }
        return firstMessage(e);
    }

    private static String firstMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getCause().getMessage() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            b.append(t.getMessage()).append(' ');
        }
        return b.toString();
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
