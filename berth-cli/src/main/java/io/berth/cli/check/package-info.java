/**
 * {@code berth check URL}: diagnoses an MQTT endpoint step by step (DNS, TCP, TLS, WebSocket, MQTT) and says what
 * to fix. Each step has its own bounded timeout; failures are sentences, never stack traces.
 */
package io.berth.cli.check;
