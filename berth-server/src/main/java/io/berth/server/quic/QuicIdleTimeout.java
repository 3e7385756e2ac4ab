package io.berth.server.quic;

import io.berth.core.MqttSettings;

import java.time.Duration;

/**
 * The QUIC idle timeout a listener announces. QUIC fixes it in the handshake, before CONNECT says which keepalive
 * the client wants, so the broker announces the larger of the listener's {@code idle_timeout} and the longest
 * keepalive it lets a client have (Server Keep Alive if imposed, else {@code max_keepalive}) times the keepalive
 * multiplier. A client that keeps its MQTT keepalive is then never cut by QUIC; a silent one is closed by the MQTT
 * keepalive check on its stream, exactly as on TCP.
 */
final class QuicIdleTimeout {

    private QuicIdleTimeout() {
    }

    static Duration of(Duration listenerIdleTimeout, MqttSettings mqtt) {
        int longestKeepalive = mqtt.serverKeepalive() != null ? mqtt.serverKeepalive() : mqtt.maxKeepalive();
        Duration keepalive = Duration.ofMillis((long) Math.ceil(longestKeepalive * mqtt.keepaliveMultiplier() * 1000));
        return keepalive.compareTo(listenerIdleTimeout) > 0 ? keepalive : listenerIdleTimeout;
    }
}
