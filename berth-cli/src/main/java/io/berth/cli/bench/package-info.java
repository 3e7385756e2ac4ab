/**
 * {@code berth bench}: a load generator in the spirit of emqtt-bench (conn, pub and sub modes) and the Open MQTT
 * Benchmark Suite's scenarios (p2p, fanout, sharedsub, conn), on {@link io.berth.client.MqttClient}: every
 * connection shares a few Netty event loops, and all counting is lock-free.
 */
package io.berth.cli.bench;
