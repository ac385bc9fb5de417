#!/usr/bin/env python3
"""Save-to-reload latency of `brief serve`.

Usage (from the repository root):
    cargo build --release --bins --example corpus
    python3 benches/serve_latency.py [--sizes 1,1000] [--edits 15] [--save inplace|rename]
    python3 benches/serve_latency.py --root DIR     # any project, edited in place

Each size is one case. Size 1 is this repository's example (content/us-ukraine and themes/,
copied to a temporary folder so the working tree is never touched); a size N > 1 is a corpus
of N packets written by `target/release/examples/corpus N DIR 1` (deterministic) into a
temporary folder.

For each case it starts `brief serve --port 0`, waits for its readiness line (printed after the
initial build: ~20 s for 1,000 packets), listens to the live-reload event stream like a browser
does, then saves the article of the middle packet `--edits` times (a changed sentence each
time; written in place, or the vim way with `--save rename`: write a swap file, rename it
over) and measures, for each save, the time from the write returning to the `reload` event
arriving. The clock includes the file watcher's quiet window, the rebuild of the edited
packet and the site-level pages, and the event delivery: everything a writer waits for. It
prints median, min and max per case, and the median of the server's own "built in N ms"
lines (the rebuild alone).
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BRIEF = REPO / "target" / "release" / "brief"
CORPUS = REPO / "target" / "release" / "examples" / "corpus"


def prepare(size, scratch):
    """A project folder for a case of `size` packets."""
    dest = Path(scratch) / f"site-{size}"
    if size == 1:
        (dest / "content").mkdir(parents=True)
        shutil.copytree(REPO / "content" / "us-ukraine", dest / "content" / "us-ukraine")
        if (REPO / "themes").is_dir():
            shutil.copytree(REPO / "themes", dest / "themes")
        if (REPO / "brief.yaml").is_file():
            shutil.copy(REPO / "brief.yaml", dest / "brief.yaml")
    else:
        if not CORPUS.exists():
            raise SystemExit(f"{CORPUS} is missing: run `cargo build --release --bins --example corpus`")
        subprocess.run([str(CORPUS), str(size), str(dest), "1"], check=True, stdout=subprocess.DEVNULL)
    return dest


def save(article, text, style):
    if style == "rename":
        swap = article.with_name(f".{article.name}.swp")
        swap.write_text(text)
        os.replace(swap, article)
    else:
        article.write_text(text)


def measure(brief, root, edits, style, log=None):
    """(packets, save→reload latencies in ms, server rebuild times in ms)."""
    articles = sorted((root / "content").glob("*/article.md"))
    article = articles[len(articles) // 2]
    original = article.read_text()
    proc = subprocess.Popen(
        [str(brief), "serve", "--port", "0", "--root", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    builds = []

    def drain():
        out = open(log, "a") if log else None
        for line in proc.stderr:
            if out:
                out.write(line)
                out.flush()
            m = re.match(r"built in (\d+) ms", line)
            if m:
                builds.append(int(m.group(1)))

    threading.Thread(target=drain, daemon=True).start()
    try:
        ready = proc.stdout.readline()  # "serving ROOT at URL", after the initial build
        if not ready:
            raise SystemExit("brief serve exited before serving")
        url = ready.split()[-1]
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
        first_build = len(builds)
        latencies = []
        for i in range(edits):
            text = original + f"\nEdit number {i} for the latency benchmark.\n"
            with cond:
                seen = len(arrivals)
                start = time.perf_counter()
                save(article, text, style)
                if cond.wait_for(lambda: len(arrivals) > seen, timeout=30):
                    latencies.append((arrivals[seen] - start) * 1000)
            time.sleep(0.3)
        time.sleep(0.2)
        return len(articles), latencies, builds[first_build:]
    finally:
        article.write_text(original)
        proc.terminate()
        proc.wait()


def line(label, values):
    if not values:
        return f"{label}: no samples"
    return (f"{label}: median {statistics.median(values):.1f} ms, "
            f"min {min(values):.1f} ms, max {max(values):.1f} ms")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", help="measure this project (edited in place) instead of --sizes")
    ap.add_argument("--sizes", default="1", help="comma-separated packet counts, e.g. 1,1000")
    ap.add_argument("--edits", type=int, default=15)
    ap.add_argument("--save", choices=["inplace", "rename"], default="inplace")
    ap.add_argument("--brief", default=str(BRIEF), help="the brief binary to measure")
    ap.add_argument("--stderr", help="append the server's standard error to this file")
    args = ap.parse_args()
    if not Path(args.brief).exists():
        raise SystemExit(f"{args.brief} is missing: run `cargo build --release --bins --example corpus`")
    cases = []
    with tempfile.TemporaryDirectory(prefix="brief-serve-bench-") as scratch:
        if args.root:
            cases.append(Path(args.root))
        else:
            cases.extend(prepare(int(s), scratch) for s in args.sizes.split(","))
        for root in cases:
            packets, latencies, builds = measure(args.brief, root, args.edits, args.save, args.stderr)
            print(f"{packets} packet(s), {len(latencies)}/{args.edits} saves ({args.save}): "
                  + line("save→reload", latencies) + "; " + line("server rebuild", builds),
                  flush=True)


if __name__ == "__main__":
    main()
