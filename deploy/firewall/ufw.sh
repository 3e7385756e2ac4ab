#!/bin/sh
# Opens Berth's default ports with ufw. MQTT/TCP 1883, MQTT/TLS 8883, WebSocket 8083, secure WebSocket 8084,
# QUIC 14567/udp (only if you configured a quic listener). `ufw limit` also refuses an address that opens more
# than 6 connections in 30 seconds: use it only on ports whose clients connect rarely (devices), not behind NAT.
set -e
ufw allow 8883/tcp comment 'Berth MQTT over TLS'
ufw allow 8084/tcp comment 'Berth MQTT over secure WebSocket'
# plain MQTT and WebSocket: from your own networks only
ufw allow from 10.0.0.0/8 to any port 1883 proto tcp comment 'Berth MQTT (internal)'
ufw allow from 10.0.0.0/8 to any port 8083 proto tcp comment 'Berth WebSocket (internal)'
# ufw allow 14567/udp comment 'Berth MQTT over QUIC'
# ufw limit 8883/tcp
# drop an attacker entirely: ufw insert 1 deny from 203.0.113.7
