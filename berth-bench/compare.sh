#!/usr/bin/env bash
# Berth against Debian's Mosquitto on loopback, side by side in one run (issue 9, docs/performance.md).
#
#   berth-bench/compare.sh [--rounds N] [--duration S] [--idle N] [--unpinned] [--only LIST] [--port P]
#
# Each round starts Berth, runs every scenario with `berth bench`, stops it, then does the same with Mosquitto
# (A B A B ...). By default the broker runs pinned to CPU 1 (taskset -c 1) and the load generator to CPU 0;
# --unpinned lets both use every core. The figures printed at the end are min / median / max over the rounds and
# the ratio of the medians (Berth / Mosquitto; above 1 is better for Berth for throughput, below 1 for latency
# and memory).
#
# Scenarios (names for --only, comma-separated):
#   fanin_q1    50 publishers -> 1 subscriber on bench/fanin/#, QoS 1, 16 B, max rate: received msg/s
#   fanin_q0    the same at QoS 0: received msg/s
#   pair_q1     1 publisher -> 1 subscriber, QoS 1, 16 B, 1000 msg/s: latency p50 and p99
#   fanin_10k   50 publishers at 200 msg/s each (10k/s) -> 1 subscriber, QoS 1: latency p99
#   fanout_500  1 publisher at 100 msg/s -> 500 subscribers, QoS 1: latency p99
#   idle        N idle MQTT connections (--idle, default 10000, opened by idle-clients.py): broker RSS growth per
#               1k connections and total RSS, on a first (cold) and a second (warm) round
# KEEP_WORK=1 keeps the work directory (configs, broker output, bench stderr) for a look afterwards.
#
# Every run is bounded: each scenario by --duration (default 10 s) plus 10 s for its clients to connect (20 s for
# the 500 subscribers; rates and latencies cover the publishing phase only) under `timeout`, the broker start by
# 60 s.
# Berth runs with durability off, $SYS off, only the TCP listener, management, connection-rate limit and
# overload protection off; Mosquitto with
# persistence off. Both keep their default queue limits (1000 queued messages per client); Mosquitto's inflight
# window is set to Berth's (32). JVM options for Berth: BENCH_JAVA_OPTS (default below).
# Needs: the built jar (mvn -q -B package -DskipTests), taskset, ss; installs mosquitto with apt-get if missing.
set -euo pipefail

rounds=3
duration=10
margin=10 # seconds added to each bench run for its clients to connect (figures count the publishing phase only)
idle=10000
pinned=1
only="fanin_q1,fanin_q0,pair_q1,fanin_10k,fanout_500,idle"
port=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --idle) idle="$2"; shift 2 ;;
    --unpinned) pinned=0; shift ;;
    --only) only="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    -h|--help) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$rounds$duration$idle" in *[!0-9]*) echo "compare.sh: --rounds, --duration and --idle take integers" >&2; exit 2 ;; esac
[ "$rounds" -ge 1 ] && [ "$duration" -ge 2 ] && [ "$idle" -ge 1 ] || { echo "compare.sh: --rounds >= 1, --duration >= 2, --idle >= 1" >&2; exit 2; }

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
home="$(cd "$here/.." && pwd)"
jar="${BENCH_JAR:-$home/berth-cli/target/berth.jar}"
[ -f "$jar" ] || { echo "compare.sh: $jar not found; build it: (cd $home && mvn -q -B package -DskipTests)" >&2; exit 1; }
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
berth_java_opts="${BENCH_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseParallelGC}"

mosquitto_bin="$(command -v mosquitto || true)"
[ -n "$mosquitto_bin" ] || [ ! -x /usr/sbin/mosquitto ] || mosquitto_bin=/usr/sbin/mosquitto
if [ -z "$mosquitto_bin" ]; then
  echo "compare.sh: mosquitto not found: installing Debian's package" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y mosquitto >&2; else sudo apt-get install -y mosquitto >&2; fi
  mosquitto_bin="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
fi
for tool in taskset ss timeout; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is needed" >&2; exit 1; }
done
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
if [ "$(ulimit -n)" -lt $((idle + 1000)) ]; then
  echo "compare.sh: open file limit $(ulimit -n) is below --idle $idle + 1000" >&2; exit 1
fi

if [ -z "$port" ]; then
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
fi
work="$(mktemp -d /tmp/berth-compare.XXXXXX)"
chmod 755 "$work"
broker_pid=""
cleanup() {
  if [ -n "$broker_pid" ] && kill -0 "$broker_pid" 2>/dev/null; then
    kill "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
  fi
  if [ "${KEEP_WORK:-0}" = 1 ]; then echo "work dir kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM

if [ "$pinned" = 1 ]; then broker_cpu=(taskset -c 1); load_cpu=(taskset -c 0); mode="pinned: broker on CPU 1, load on CPU 0"
else broker_cpu=(); load_cpu=(); mode="unpinned: broker and load share every core"; fi

cat > "$work/berth.conf" <<EOF
node { name = "bench@127.0.0.1", data_dir = "$work/berth-data" }
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
log { level = "warning", dir = "$work/berth-log" }
EOF
cat > "$work/mosquitto.conf" <<EOF
listener $port 127.0.0.1
allow_anonymous true
persistence false
max_inflight_messages 32
max_connections -1
log_dest none
EOF
chmod 644 "$work"/*.conf

wait_port() { # pid: until the broker accepts on $port, at most 60 s
  for _ in $(seq 1 600); do
    kill -0 "$1" 2>/dev/null || return 1
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

start_broker() { # name
  case "$1" in
    berth) "${broker_cpu[@]}" "$java" $berth_java_opts -jar "$jar" start --config "$work/berth.conf" \
             >"$work/berth.out" 2>&1 & ;;
    mosquitto) "${broker_cpu[@]}" "$mosquitto_bin" -c "$work/mosquitto.conf" >"$work/mosquitto.out" 2>&1 & ;;
  esac
  broker_pid=$!
  if ! wait_port "$broker_pid"; then
    echo "compare.sh: $1 did not start on port $port; its output:" >&2
    cat "$work/$1.out" >&2
    exit 1
  fi
}

stop_broker() {
  kill "$broker_pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$broker_pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$broker_pid" 2>/dev/null || true
  wait "$broker_pid" 2>/dev/null || true
  broker_pid=""
}

bench() { # args...: one `berth bench` run as JSON, bounded by --duration plus connection margins
  timeout --kill-after=10 $((duration + 2 * margin + 90)) "${load_cpu[@]}" "$java" -Xmx2g -jar "$jar" bench "$@" \
    -h 127.0.0.1 -p "$port" --json 2>>"$work/bench.err" || true
}

field() { # json key.sub: prints the number or "nan"
  python3 -c '
import json, sys
try:
    d = json.loads(sys.stdin.read())
    for k in sys.argv[1].split("."):
        d = d[k]
    print(d)
except Exception:
    print("nan")' "$1"
}

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

established() { ss -Htn state established "( sport = :$port )" 2>/dev/null | wc -l; }

results="$work/results"
: > "$results"
record() { # broker figure value; a zero (nothing received in time) counts as no figure, with a warning
  case "$3" in
    0|0.0|0.00|0.000|-0.00) echo "compare.sh: $1: $2 is 0 (no message received in time?): left out" >&2
                            echo "$1 $2 nan" >> "$results" ;;
    *) echo "$1 $2 $3" >> "$results" ;;
  esac
}

run_scenarios() { # broker
  local b="$1" j
  for s in ${only//,/ }; do
    case "$s" in
      fanin_q1)
        j="$(bench scenario fanin -c 50 -q 1 -s 16 -I 0.001 -i 2 -d $((duration + margin)) --prefix "cmp$RANDOM")"
        record "$b" "fanin_q1_msg_per_s" "$(field received_per_s <<<"$j")" ;;
      fanin_q0)
        j="$(bench scenario fanin -c 50 -q 0 -s 16 -I 0.001 -i 2 -d $((duration + margin)) --prefix "cmp$RANDOM")"
        record "$b" "fanin_q0_msg_per_s" "$(field received_per_s <<<"$j")" ;;
      pair_q1)
        j="$(bench scenario p2p -c 1 -q 1 -s 16 -I 1 -d $((duration + margin)) --prefix "cmp$RANDOM")"
        record "$b" "pair_q1_p50_ms" "$(field latency_us.p50 <<<"$j" | awk '{printf "%.3f", $1/1000}')"
        record "$b" "pair_q1_p99_ms" "$(field latency_us.p99 <<<"$j" | awk '{printf "%.3f", $1/1000}')" ;;
      fanin_10k)
        j="$(bench scenario fanin -c 50 -q 1 -s 16 -I 5 -i 2 -d $((duration + margin)) --prefix "cmp$RANDOM")"
        record "$b" "fanin_10k_p99_ms" "$(field latency_us.p99 <<<"$j" | awk '{printf "%.3f", $1/1000}')"
        record "$b" "fanin_10k_msg_per_s" "$(field received_per_s <<<"$j")" ;;
      fanout_500)
        j="$(bench scenario fanout -c 500 -q 1 -s 16 -I 10 -i 1 -d $((duration + 2 * margin)) --prefix "cmp$RANDOM")"
        record "$b" "fanout_500_p99_ms" "$(field latency_us.p99 <<<"$j" | awk '{printf "%.3f", $1/1000}')" ;;
      idle)
        # two rounds: the first ("cold") also pays for memory the process touches for the first time (the JVM's
        # young generation; Mosquitto's malloc arenas), the second ("warm") reuses what the first freed
        local before after n=0 client round
        for round in cold warm; do
          before="$(rss_kib "$broker_pid")"
          "${load_cpu[@]}" python3 "$here/idle-clients.py" 127.0.0.1 "$port" "$idle" --hold 600 \
            --connect-bound 240 > "$work/idle.out" 2>>"$work/bench.err" &
          client=$!
          for _ in $(seq 1 2500); do
            grep -q '^connected' "$work/idle.out" 2>/dev/null && break
            kill -0 "$client" 2>/dev/null || break
            sleep 0.1
          done
          sleep 2 # the broker finishes its side of the last CONNACKs
          after="$(rss_kib "$broker_pid")"
          n="$(established)"
          kill "$client" 2>/dev/null || true; wait "$client" 2>/dev/null || true
          for _ in $(seq 1 300); do [ "$(established)" -eq 0 ] && break; sleep 0.1; done
          if [ "$n" -ge $((idle * 9 / 10)) ]; then
            record "$b" "idle_${round}_mb_per_1k" "$(awk -v a="$after" -v b="$before" -v n="$n" 'BEGIN {printf "%.2f", (a-b)/1024/n*1000}')"
            record "$b" "idle_${round}_rss_mb" "$(awk -v a="$after" 'BEGIN {printf "%.1f", a/1024}')"
          else
            echo "compare.sh: $b: only $n of $idle idle connections established" >&2
            record "$b" "idle_${round}_mb_per_1k" nan
          fi
        done ;;
      *) echo "compare.sh: unknown scenario $s" >&2; exit 2 ;;
    esac
  done
}

echo "compare.sh: $rounds rounds, $duration s per scenario, $mode, port $port, $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Berth: $jar ($berth_java_opts), durability off; Mosquitto: $("$mosquitto_bin" -h 2>/dev/null | head -n 1 || true), persistence off"
for r in $(seq 1 "$rounds"); do
  for b in berth mosquitto; do
    echo "round $r/$rounds: $b" >&2
    start_broker "$b"
    run_scenarios "$b"
    stop_broker
  done
done

python3 - "$results" <<'EOF'
import math, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    broker, figure, value = line.split()
    rows.setdefault(figure, {}).setdefault(broker, [])
    try:
        v = float(value)
        if not math.isnan(v):
            rows[figure][broker].append(v)
    except ValueError:
        pass
def cell(vs):
    if not vs:
        return "n/a"
    return "%s / %s / %s" % tuple(f"{x:,.3f}".rstrip("0").rstrip(".") for x in (min(vs), statistics.median(vs), max(vs)))
print()
print(f"{'figure':<22} {'Berth min / median / max':<34} {'Mosquitto min / median / max':<34} Berth/Mosquitto")
for figure, by in rows.items():
    b, m = by.get("berth", []), by.get("mosquitto", [])
    ratio = "n/a"
    if b and m and statistics.median(m) != 0:
        ratio = f"{statistics.median(b) / statistics.median(m):.2f}"
    print(f"{figure:<22} {cell(b):<34} {cell(m):<34} {ratio}")
EOF
