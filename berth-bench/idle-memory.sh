#!/usr/bin/env bash
# What N idle MQTT connections cost Berth (issue 9, docs/performance.md):
#   RSS growth per 1k connections, and live heap per connection after a full GC (jcmd GC.class_histogram
#   forces one), with the classes that grew most.
#
#   berth-bench/idle-memory.sh [--connections N] [--version 5|311] [--top K]
#
# Starts Berth (durability off, $SYS off, overload protection off, TCP listener only, BENCH_JAVA_OPTS or the
# default below) on a free loopback port. Round 1 opens N connections with idle-clients.py (keepalive 600 s) and
# closes them; round 2 takes a histogram, opens N again, takes the RSS, then a second histogram. Both rounds' RSS
# growth is printed: the first includes the JVM touching heap pages for the first time. Bounded: each connect
# phase takes at most 240 s.
set -euo pipefail

n=10000
version=5
top=15
while [ $# -gt 0 ]; do
  case "$1" in
    --connections) n="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --top) top="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "idle-memory.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
case "$n$top" in *[!0-9]*) echo "idle-memory.sh: --connections and --top take integers" >&2; exit 2 ;; esac

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${BENCH_JAR:-$here/../berth-cli/target/berth.jar}"
[ -f "$jar" ] || { echo "idle-memory.sh: $jar not found; build with mvn -q -B package -DskipTests" >&2; exit 1; }
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jcmd="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
opts="${BENCH_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseParallelGC}"
ulimit -n 65536 2>/dev/null || true

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
work="$(mktemp -d /tmp/berth-idle.XXXXXX)"
pid=""
client=""
cleanup() {
  [ -z "$client" ] || kill "$client" 2>/dev/null || true
  [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

cat > "$work/berth.conf" <<EOF
node { name = "idle@127.0.0.1", data_dir = "$work/data" }
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

histogram() { "$jcmd" "$pid" GC.class_histogram > "$1"; }
live_bytes() { awk '/^Total/ {print $3}' "$1"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
established() { ss -Htn state established "( sport = :$port )" | wc -l; }

connect_all() { # out-file: opens $n connections in the background, waits until they are up; sets $client
  "$here/idle-clients.py" 127.0.0.1 "$port" "$n" --version "$( [ "$version" = 5 ] && echo 5 || echo 4)" \
    --hold 600 --connect-bound 240 > "$1" 2> "$1.err" &
  client=$!
  for _ in $(seq 1 2500); do
    grep -q '^connected' "$1" 2>/dev/null && break
    kill -0 "$client" 2>/dev/null || break
    sleep 0.1
  done
  sleep 2 # the broker finishes its side of the last CONNACKs
}
disconnect_all() {
  kill "$client" 2>/dev/null || true; wait "$client" 2>/dev/null || true; client=""
  for _ in $(seq 1 300); do [ "$(established)" -eq 0 ] && break; sleep 0.1; done
}

# Round 1 (cold): the first connections also touch heap pages the JVM had reserved but never used.
rss_cold_before="$(rss_kib)"
connect_all "$work/cold.out"
cold="$(established)"
rss_cold_after="$(rss_kib)"
disconnect_all
# Round 2 (warm): the same again on a JVM that has run once; live heap measured after a full GC, 11 s after the
# last connection (the authentication timeout of 10 s keeps a small task per CONNECT queued until then).
histogram "$work/before.txt"
rss_before="$(rss_kib)"
connect_all "$work/warm.out"
got="$(established)"
rss_after="$(rss_kib)"
sleep 11
histogram "$work/after.txt"
if [ "$got" -lt $((n * 9 / 10)) ] || [ "$cold" -lt $((n * 9 / 10)) ]; then
  echo "idle-memory.sh: only $cold / $got of $n connections established" >&2; cat "$work"/*.err >&2; exit 1
fi
[ "$got" -ge "$n" ] || echo "idle-memory.sh: $got of $n connections established; figures are per established connection" >&2

before="$(live_bytes "$work/before.txt")"
after="$(live_bytes "$work/after.txt")"
echo "Berth, $got idle MQTT $version connections on loopback, JVM options: $opts"
awk -v a="$rss_cold_after" -v b="$rss_cold_before" -v n="$cold" \
  'BEGIN {printf "RSS, first round: %.1f MB before, %.1f MB with the connections: %.2f MB per 1k connections\n", b/1024, a/1024, (a-b)/1024/n*1000}'
awk -v a="$rss_after" -v b="$rss_before" -v n="$got" \
  'BEGIN {printf "RSS, second round: %.1f MB before, %.1f MB with the connections: %.2f MB per 1k connections\n", b/1024, a/1024, (a-b)/1024/n*1000}'
awk -v a="$after" -v b="$before" -v n="$got" \
  'BEGIN {printf "live heap after a full GC: %.1f MB before, %.1f MB after: %.0f bytes per connection\n", b/1048576, a/1048576, (a-b)/n}'
n="$got"
echo "classes that grew most (bytes per connection, instances per connection):"
python3 - "$work/before.txt" "$work/after.txt" "$n" "$top" <<'EOF'
import sys
def read(path):
    d = {}
    for line in open(path):
        p = line.split()
        if len(p) >= 4 and p[0].endswith(":"):
            d[p[3]] = (int(p[1]), int(p[2]))
    return d
b, a, n, top = read(sys.argv[1]), read(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rows = []
for cls, (inst, size) in a.items():
    bi, bs = b.get(cls, (0, 0))
    rows.append((size - bs, inst - bi, cls))
rows.sort(reverse=True)
for ds, di, cls in rows[:top]:
    print(f"  {ds / n:8.1f} B  {di / n:6.2f}  {cls}")
EOF
