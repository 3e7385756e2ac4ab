#!/usr/bin/env bash
# Bytes the broker allocates per message on the QoS 1 fan-in path (issue 9, docs/performance.md), with JFR.
# Allocation counts do not depend on how busy the machine is, unlike throughput.
#
#   berth-bench/alloc-profile.sh [--publishers N] [--messages M] [--interval MS] [--qos Q] [--top K]
#
# Starts Berth (durability off, $SYS off, TCP listener only), runs `berth bench scenario fanin` once to warm up,
# then records JFR (settings=profile) over a second run of N publishers x M messages of 16 bytes to one
# subscriber on bench/fanin/#, each publisher sending every --interval ms (default 10: 5,000 msg/s in all, a
# pace the subscriber keeps up with, so every message is delivered and none waits in a queue). Prints the bytes
# the broker's network threads (berth-io-*) allocated per message (jdk.ThreadAllocationStatistics, exact) and
# the classes allocated most (jdk.ObjectAllocationSample, sampled: weights are estimates). Bounded: every step runs under `timeout`.
set -euo pipefail

pubs=50
msgs=1000
interval=10
qos=1
top=20
while [ $# -gt 0 ]; do
  case "$1" in
    --publishers) pubs="$2"; shift 2 ;;
    --messages) msgs="$2"; shift 2 ;;
    --qos) qos="$2"; shift 2 ;;
    --interval) interval="$2"; shift 2 ;;
    --top) top="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "alloc-profile.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
case "$pubs$msgs$qos$top" in *[!0-9]*) echo "alloc-profile.sh: options take integers" >&2; exit 2 ;; esac

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${BENCH_JAR:-$here/../berth-cli/target/berth.jar}"
[ -f "$jar" ] || { echo "alloc-profile.sh: $jar not found; build with mvn -q -B package -DskipTests" >&2; exit 1; }
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jcmd="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
jfr="${JAVA_HOME:+$JAVA_HOME/bin/}jfr"
opts="${BENCH_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseParallelGC}"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
work="$(mktemp -d /tmp/berth-alloc.XXXXXX)"
pid=""
cleanup() {
  [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

cat > "$work/berth.conf" <<EOF
node { name = "alloc@127.0.0.1", data_dir = "$work/data" }
listeners.tcp.default { bind = "127.0.0.1:$port", allow_anonymous = "loopback", max_conn_rate = "infinity" }
listeners.ssl.default.enabled = false
listeners.ws.default.enabled = false
listeners.wss.default.enabled = false
listeners.quic.default.enabled = false
dashboard.listeners.http.enabled = false
sys_topics.sys_msg_interval = "disabled"
authorization.acl_file = "disabled"
durability.enable = false
overload_protection.enable = false
log { level = "warning", dir = "$work/log" }
EOF

# shellcheck disable=SC2086
"$java" $opts -jar "$jar" start --config "$work/berth.conf" > "$work/berth.out" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/berth.out" >&2; exit 1; }
  sleep 0.1
done

run() { # prefix: one fan-in run, JSON summary
  timeout --kill-after=10 600 "$java" -jar "$jar" bench scenario fanin -h 127.0.0.1 -p "$port" -c "$pubs" \
    -q "$qos" -s 16 -I "$interval" -L "$msgs" -i 5 --prefix "$1" --json 2>/dev/null
}
run warm > "$work/warm.json"
"$jcmd" "$pid" JFR.start name=alloc settings=profile filename="$work/alloc.jfr" > /dev/null
run measured > "$work/run.json"
"$jcmd" "$pid" JFR.stop name=alloc > /dev/null

received="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["received"])' "$work/run.json")"
sent="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sent"])' "$work/run.json")"
"$jfr" print --json --events jdk.ThreadAllocationStatistics "$work/alloc.jfr" > "$work/threads.json"
"$jfr" print --json --events jdk.ObjectAllocationSample --stack-depth 3 "$work/alloc.jfr" > "$work/samples.json"
python3 - "$work/threads.json" "$work/samples.json" "$received" "$pubs" "$msgs" "$qos" "$top" "$sent" <<'EOF'
import json, sys
from collections import defaultdict
threads, samples, received = sys.argv[1], sys.argv[2], int(sys.argv[3])
pubs, msgs, qos, top, sent = sys.argv[4], sys.argv[5], sys.argv[6], int(sys.argv[7]), int(sys.argv[8])
events = json.load(open(threads))["recording"]["events"]
per_thread = defaultdict(list)
for e in events:
    t = e["values"]["thread"]
    name = t["javaName"] if t else "?"
    per_thread[name].append(e["values"]["allocated"])
io = sum(max(v) - min(v) for n, v in per_thread.items() if n.startswith("berth-io"))
print(f"fan-in {pubs} publishers x {msgs} messages, QoS {qos}, 16 B: {sent} sent, {received} received")
if received < sent:
    print("warning: not every message was delivered (queue full or run cut short): per-message figures are off")
print(f"allocated on berth-io threads: {io / 1e6:.1f} MB, {io / max(1, received):.0f} bytes per message")
weights = defaultdict(int)
total = 0
for e in json.load(open(samples))["recording"]["events"]:
    v = e["values"]
    t = v["eventThread"]
    if not t or not t["javaName"].startswith("berth-io"):
        continue
    frames = v["stackTrace"]["frames"] if v["stackTrace"] else []
    where = " < ".join(f'{f["method"]["type"]["name"].split(".")[-1]}.{f["method"]["name"]}' for f in frames[:2])
    weights[(v["objectClass"]["name"], where)] += v["weight"]
    total += v["weight"]
print(f"top allocations (sampled, bytes per message, share):")
for (cls, where), w in sorted(weights.items(), key=lambda kv: -kv[1])[:top]:
    print(f"  {w / max(1, received):7.1f} B  {100 * w / max(1, total):5.1f}%  {cls}  at {where}")
EOF
