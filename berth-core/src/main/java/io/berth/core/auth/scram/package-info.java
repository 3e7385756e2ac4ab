/**
 * SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802, RFC 7677) for MQTT 5 enhanced authentication: stored credentials
 * derived when a password is set, and the server side of the exchange.
 */
package io.berth.core.auth.scram;
