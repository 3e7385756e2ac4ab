/**
 * MQTT over QUIC: a UDP listener running Netty's QUIC codec (quiche), TLS 1.3 with ALPN {@code mqtt}, one
 * client-opened bidirectional stream per MQTT connection carrying the same MQTT pipeline as TCP.
 */
package io.berth.server.quic;
