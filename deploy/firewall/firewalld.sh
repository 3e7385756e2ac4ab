#!/bin/sh
# Berth's ports with firewalld: TLS ports for everyone, plain ports for an internal zone only.
set -e
firewall-cmd --permanent --new-service=berth-tls || true
firewall-cmd --permanent --service=berth-tls --set-description='Berth MQTT over TLS and secure WebSocket'
firewall-cmd --permanent --service=berth-tls --add-port=8883/tcp --add-port=8084/tcp
firewall-cmd --permanent --zone=public --add-service=berth-tls
firewall-cmd --permanent --zone=internal --add-source=10.0.0.0/8
firewall-cmd --permanent --zone=internal --add-port=1883/tcp --add-port=8083/tcp
# firewalld's rich-rule "limit" is per rule, not per address: for a per-address limit of new connections use the
# iptables hashlimit rules in iptables.sh (or nftables meters), or Berth's max_conn_rate_per_ip.
# QUIC, if configured: firewall-cmd --permanent --zone=public --add-port=14567/udp
# drop an attacker: firewall-cmd --permanent --zone=drop --add-source=203.0.113.7
firewall-cmd --reload
