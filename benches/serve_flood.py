#!/usr/bin/env python3
"""Serve under a connection flood: resident memory of `brief serve` as connections pile up.

Starts `brief serve` on the bundled example, then, in ROUNDS rounds, opens HOLD connections at
once that each send one keep-alive request and stay open, idle (as forgotten tabs or clients
that vanished do), and closes them at the end of the round. Prints the server's RSS (VmRSS)
after each round: with the connection cap it stays flat, without it it grows with HOLD and
stays grown.

  python3 benches/serve_flood.py [--brief target/release/brief] [--rounds 10] [--hold 2000]
"""
import argparse
import resource
import socket
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--brief", default=str(REPO / "target" / "release" / "brief"))
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--hold", type=int, default=2000)
    a = ap.parse_args()
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, a.hold + 200), hard))
    srv = subprocess.Popen(
        [a.brief, "serve", "--port", "0", "--root", str(REPO)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = srv.stdout.readline().split()[-1]
    port = int(url.split(":")[2].split("/")[0])
    time.sleep(0.5)
    print(f"{a.brief}: start {rss_mib(srv.pid):.1f} MiB")
    try:
        for r in range(a.rounds):
            held = []
            for _ in range(a.hold):
                # Non-blocking: past the cap and the system's queue a connect waits, which
                # must not stall the flood.
                s = socket.socket()
                s.setblocking(False)
                s.connect_ex(("127.0.0.1", port))
                held.append(s)
            time.sleep(0.5)
            for s in held:
                try:
                    s.send(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                except OSError:
                    pass
            time.sleep(1.0)
            print(f"round {r + 1}: {(r + 1) * a.hold} connections, RSS {rss_mib(srv.pid):.1f} MiB")
            for s in held:
                s.close()
        time.sleep(1.0)
        print(f"after: RSS {rss_mib(srv.pid):.1f} MiB")
    finally:
        srv.terminate()


if __name__ == "__main__":
    main()
