#!/usr/bin/env python3
"""Opens N idle MQTT connections (CONNECT, wait for CONNACK) and holds them: the load of the idle-connection
memory figures (idle-memory.sh, compare.sh). Lighter than a JVM client, so it keeps up on a loaded machine.

    idle-clients.py HOST PORT N [--version 4|5] [--hold SECONDS] [--keepalive SECONDS]

Prints "connected K" once every connection got its CONNACK (or the connect phase hit its bound), then holds
them for --hold seconds (default 60) and exits. Exit status 1 if fewer than N got a successful CONNACK.
"""
import argparse
import os
import resource
import selectors
import socket
import sys
import time


def connect_packet(client_id: bytes, version: int, keepalive: int) -> bytes:
    body = b"\x00\x04MQTT" + bytes([version, 0x02]) + keepalive.to_bytes(2, "big")
    if version == 5:
        body += b"\x00"  # no properties
    body += len(client_id).to_bytes(2, "big") + client_id
    n, length = len(body), b""
    while True:
        byte, n = n % 128, n // 128
        length += bytes([byte | (0x80 if n else 0)])
        if not n:
            break
    return b"\x10" + length + body


def main() -> int:
    a = argparse.ArgumentParser()
    a.add_argument("host")
    a.add_argument("port", type=int)
    a.add_argument("n", type=int)
    a.add_argument("--version", type=int, default=5, choices=(4, 5))
    a.add_argument("--hold", type=float, default=60)
    a.add_argument("--keepalive", type=int, default=600)
    a.add_argument("--connect-bound", type=float, default=120, help="seconds for the connect phase")
    args = a.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, args.n + 100)), hard))

    sel = selectors.DefaultSelector()
    pending = {}
    done = []
    failed = 0
    prefix = f"idle{os.getpid()}_".encode()
    deadline = time.monotonic() + args.connect_bound
    next_id = 0
    while (next_id < args.n or pending) and time.monotonic() < deadline:
        while next_id < args.n and len(pending) < 500:  # at most 500 handshakes at a time
            s = socket.create_connection((args.host, args.port), timeout=30)
            s.setblocking(False)
            s.sendall(connect_packet(prefix + str(next_id).encode(), args.version, args.keepalive))
            sel.register(s, selectors.EVENT_READ)
            pending[s] = b""
            next_id += 1
        for key, _ in sel.select(timeout=1):
            s = key.fileobj
            data = pending[s] + s.recv(64)
            # CONNACK: 0x20, remaining length, flags, reason code (3.1.1: return code)
            if len(data) >= 4 or not data:
                sel.unregister(s)
                del pending[s]
                if len(data) >= 4 and data[0] == 0x20 and data[3] == 0:
                    done.append(s)
                else:
                    failed += 1
                    s.close()
            else:
                pending[s] = data
    print(f"connected {len(done)}", flush=True)
    if failed or pending:
        print(f"failed {failed}, no CONNACK {len(pending)}", file=sys.stderr, flush=True)
    end = time.monotonic() + args.hold
    while time.monotonic() < end:
        time.sleep(0.5)
    for s in done:
        s.close()
    return 0 if len(done) == args.n else 1


if __name__ == "__main__":
    sys.exit(main())
