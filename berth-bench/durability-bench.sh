#!/bin/sh
# QoS 1 throughput to persistent subscribers, durability.sync = batch vs none (docs/performance.md)
# usage: berth-bench/durability-bench.sh berth-cli/target/berth.jar batch|none /tmp/berth-bench-WORKDIR
set -e
JAR=$1; SYNC=$2; W=$3
rm -rf "$W"; mkdir -p "$W"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cat > "$W/berth.conf" <<CONF
node.data_dir = "$W/data"
listeners.tcp.default.bind = "127.0.0.1:$PORT"
authorization.acl_file = "disabled"
log.dir = "$W/log"
log.level = "warning"
durability.sync = "$SYNC"
mqtt.max_mqueue_len = "infinity"
CONF
java -Xmx1g -jar "$JAR" start -c "$W/berth.conf" > "$W/broker.out" 2>&1 &
BROKER=$!
for i in $(seq 1 120); do grep -q "started" "$W/broker.out" 2>/dev/null && break; sleep 0.5; done
java -jar "$JAR" bench sub -p $PORT -c 4 -C false -q 1 -t 'bench/#' -d 45 > "$W/sub.out" 2>&1 &
SUB=$!
sleep 5
java -jar "$JAR" bench pub -p $PORT -c 8 -q 1 -I 0.2 -s 256 -d 30 > "$W/pub.out" 2>&1 || true
wait $SUB || true
kill $BROKER; wait $BROKER || true
echo "== sync=$SYNC pub"; tail -12 "$W/pub.out"
echo "== sync=$SYNC sub"; tail -12 "$W/sub.out"
