#!/usr/bin/env python3
"""Save-to-reload latency of `brief serve`.

Usage (from the repository root, after `cargo build --release --bins --example corpus`):
    python3 benches/serve_latency.py [--root DIR] [--edits 15]

Starts `brief serve --port 0` on DIR (default: this repository's example), listens to the
live-reload event stream like a browser does, then saves one article `--edits` times (a
changed sentence each time, written in place) and measures, for each save, the time from the
write returning to the `reload` event arriving. Prints the median and the spread. The clock
includes the file watcher's debounce, the rebuild of the edited packet and the site-level pages,
and the event delivery: everything a writer waits for.
"""

import argparse
import socket
import statistics
import subprocess
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BRIEF = REPO / "target" / "release" / "brief"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=str(REPO))
    ap.add_argument("--edits", type=int, default=15)
    args = ap.parse_args()
    root = Path(args.root)
    articles = sorted((root / "content").glob("*/article.md"))
    article = articles[len(articles) // 2]
    original = article.read_text()
    proc = subprocess.Popen(
        [str(BRIEF), "serve", "--port", "0", "--root", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        url = proc.stdout.readline().split()[-1]
        host_port, path = url[len("http://"):].split("/", 1)
        host, port = host_port.split(":")
        sock = socket.create_connection((host, int(port)))
        sock.sendall(f"GET /{path}__brief/events?v=1 HTTP/1.1\r\nHost: {host_port}\r\n\r\n".encode())
        arrivals = []
        cond = threading.Condition()

        def reader():
            buf = b""
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    return
                buf += chunk
                while b"\n\n" in buf:
                    event, buf = buf.split(b"\n\n", 1)
                    if b"event: reload" in event:
                        with cond:
                            arrivals.append(time.perf_counter())
                            cond.notify_all()

        threading.Thread(target=reader, daemon=True).start()
        time.sleep(1.0)
        with cond:
            arrivals.clear()  # the catch-up reload for v=1
        latencies = []
        for i in range(args.edits):
            text = original + f"\nEdit number {i} for the latency benchmark.\n"
            with cond:
                seen = len(arrivals)
                start = time.perf_counter()
                article.write_text(text)
                if cond.wait_for(lambda: len(arrivals) > seen, timeout=10):
                    latencies.append((arrivals[seen] - start) * 1000)
            time.sleep(0.3)
        packets = len(articles)
        print(f"{packets} packet(s), {len(latencies)} saves: median {statistics.median(latencies):.1f} ms, "
              f"min {min(latencies):.1f} ms, max {max(latencies):.1f} ms")
    finally:
        article.write_text(original)
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
