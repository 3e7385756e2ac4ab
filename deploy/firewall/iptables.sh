#!/bin/sh
# Berth's ports with iptables (use ip6tables likewise for IPv6). New connections per source address are limited
# in the kernel (hashlimit), before they reach the broker; tune the numbers to your clients.
set -e
for port in 8883 8084; do
  iptables -A INPUT -p tcp --dport "$port" -m conntrack --ctstate NEW \
    -m hashlimit --hashlimit-name "berth$port" --hashlimit-mode srcip \
    --hashlimit-above 20/second --hashlimit-burst 40 -j DROP
  iptables -A INPUT -p tcp --dport "$port" -m conntrack --ctstate NEW -j ACCEPT
done
# plain MQTT and WebSocket from internal networks only
for port in 1883 8083; do
  iptables -A INPUT -p tcp -s 10.0.0.0/8 --dport "$port" -m conntrack --ctstate NEW -j ACCEPT
  iptables -A INPUT -p tcp --dport "$port" -j DROP
done
# QUIC, if configured:
# iptables -A INPUT -p udp --dport 14567 -j ACCEPT
# drop an attacker entirely:
# iptables -I INPUT -s 203.0.113.7 -j DROP
