/**
 * The MQTT client tools {@code berth pub} and {@code berth sub}, built on {@link io.berth.client.MqttClient},
 * with mosquitto_pub/mosquitto_sub's options.
 */
package io.berth.cli.tools;
