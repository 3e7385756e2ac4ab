/**
 * Berth's asynchronous MQTT client ({@link io.berth.client.MqttClient}) on Netty and the Berth codec: MQTT 3.1,
 * 3.1.1 and 5.0 over TCP, QoS 0-2 both ways, many connections on a shared event loop group. Used by the
 * {@code berth pub} and {@code berth sub} tools.
 */
package io.berth.client;
