#!/usr/bin/env python3
"""Whole-process benchmark: `brief build` against Hugo, side by side, interleaved.

Usage (from the repository root):
    python3 benches/compare.py [--runs 7] [--sizes 1,100,1000,5000] [--work /tmp/brief-bench] [--floor] [--rebuild]
    python3 benches/compare.py --same-work [--sizes 1,100,1000] [--work /dev/shm/brief-bench] [--rebuild]

Needs: a release build of brief and of the corpus example (the script runs
`cargo build --release --bins --example corpus`), and Debian's `hugo` on PATH
(`apt-get install -y hugo`; without it the Hugo columns are left out).

Size 1 is the real example project (content/us-ukraine). Other sizes are generated corpora
(examples/corpus.rs): N packets for brief, N bare article pages with one taxonomy for Hugo.
Each run starts from an empty output folder; with --rebuild, each run builds again over the
output of the run before (nothing changed in between), as a writer does. brief and Hugo runs alternate (brief, Hugo,
brief, Hugo, ...) so that drift on the machine hits both alike. Wall time is measured around
the child process, peak RSS is the child's own (wait4). The report gives medians and the
median of the per-pair ratios brief/Hugo, as a Markdown table. With --floor, each brief run is
followed by examples/write_floor.rs writing brief's output of that run again, alone (read into
memory first, only the writing timed): the least any generator needs for the same pages here.
With --cpu-floor, each brief run is followed by examples/floor.rs as a whole process (read each
packet's files, parse its Markdown once, render as many pages of the same lengths through a
trivial Tera template, write them as brief does): the report adds its CPU time and brief's CPU
over it, per packet (issue 18's "floor").

With --same-work, Hugo builds the same site instead of bare pages: each brief project is
ported to a Hugo site by ../shared/bench/hugo_port/port.py (--port; needs PyYAML), which
writes every page brief writes at the same URL from the same data (see that folder's
README for what the port leaves out: it is conservative for Hugo). The port runs once per
size, outside the timings. The report adds CPU time (user + system, wait4) and the number of
HTML pages each wrote. Put --work on tmpfs (/dev/shm/...) or on the project's disk to measure
either; the outputs are written there.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BRIEF = REPO / "target" / "release" / "brief"
CORPUS = REPO / "target" / "release" / "examples" / "corpus"
FLOOR = REPO / "target" / "release" / "examples" / "write_floor"
CPU_FLOOR = REPO / "target" / "release" / "examples" / "floor"


def run(cmd, cwd=None):
    """Runs cmd silently; returns (seconds, peak RSS in MiB, CPU seconds)."""
    # stderr to a file, not a pipe: a build with many warnings would fill a pipe nobody reads
    # until the process ends, and block.
    with tempfile.TemporaryFile() as errf:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errf)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        errf.seek(0)
        err = errf.read().decode(errors="replace")
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(map(str, cmd))}\n{err}")
    return elapsed, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime


def prepare(work, n, port=None):
    """The brief project and the Hugo site for size n: with `port`, the same site ported."""
    if n == 1:
        brief_root = REPO
    else:
        brief_root = work / f"brief-{n}"
        if not brief_root.exists():
            subprocess.run([str(CORPUS), str(n), str(brief_root), "1"], check=True)
    if port:
        hugo_root = work / f"hugo-port-{n}"
        if not hugo_root.exists():
            subprocess.run([sys.executable, str(port), "--brief-root", str(brief_root),
                            "--out", str(hugo_root), "--force"], check=True,
                           stdout=subprocess.DEVNULL)
        return brief_root, hugo_root
    hugo_root = work / f"hugo-{n}"
    if not hugo_root.exists():
        subprocess.run([str(CORPUS), str(n), str(hugo_root), "1", "--hugo"], check=True)
    return brief_root, hugo_root


def pages(out):
    """HTML pages under out."""
    return sum(1 for _ in Path(out).rglob("*.html"))


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--sizes", default="1,100,1000,5000")
    ap.add_argument("--work", default="/tmp/brief-bench")
    ap.add_argument(
        "--floor",
        action="store_true",
        help="also time writing brief's output alone (examples/write_floor.rs), interleaved",
    )
    ap.add_argument(
        "--cpu-floor",
        action="store_true",
        help="also run examples/floor.rs (same output through a trivial template) and compare CPU",
    )
    ap.add_argument(
        "--rebuild",
        action="store_true",
        help="build over the previous run's output instead of an empty folder",
    )
    ap.add_argument(
        "--same-work",
        action="store_true",
        help="Hugo builds the same site, ported by ../shared/bench/hugo_port/port.py",
    )
    ap.add_argument("--port", default=str(REPO.parent / "shared" / "bench" / "hugo_port" / "port.py"))
    args = ap.parse_args()
    if args.rebuild and args.floor:
        sys.exit("--floor measures writing into an empty folder; leave it out with --rebuild")
    subprocess.run(["cargo", "build", "--release", "--bins", "--example", "corpus", "--example", "write_floor", "--example", "floor"], cwd=REPO, check=True)
    hugo = shutil.which("hugo")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        brief_root, hugo_root = prepare(work, n, args.port if args.same_work else None)
        b_out, h_out = work / f"out-brief-{n}", work / f"out-hugo-{n}"
        brief_cmd = [str(BRIEF), "build", "--root", str(brief_root), "--output", str(b_out)]
        hugo_cmd = [hugo, "--quiet", "--source", str(hugo_root), "--destination", str(h_out)] if hugo else None
        # One warm-up of each (page cache), then interleaved measured runs.
        fresh(b_out)
        run(brief_cmd)
        if hugo_cmd:
            fresh(h_out)
            run(hugo_cmd)
        b, h, f, c = [], [], [], []
        c_out = work / f"out-cpu-floor-{n}"
        f_out = work / f"out-floor-{n}"
        for _ in range(args.runs):
            if not args.rebuild:
                fresh(b_out)
            b.append(run(brief_cmd))
            if args.floor:
                fresh(f_out)
                done = subprocess.run([str(FLOOR), str(b_out), str(f_out)], check=True, capture_output=True, text=True)
                f.append(float(done.stdout.strip()))
            if args.cpu_floor:
                if not args.rebuild:
                    fresh(c_out)
                c.append(run([str(CPU_FLOOR), str(brief_root), str(b_out), str(c_out)]))
            if hugo_cmd:
                if not args.rebuild:
                    fresh(h_out)
                h.append(run(hugo_cmd))
        row = {
            "n": n,
            "brief_ms": statistics.median(t for t, _, _ in b) * 1000,
            "brief_mib": statistics.median(m for _, m, _ in b),
            "brief_cpu": statistics.median(c for _, _, c in b) * 1000,
            "brief_pages": pages(b_out),
        }
        if f:
            row["floor_ms"] = statistics.median(f)
        if c:
            row["floor_cpu"] = statistics.median(cc for _, _, cc in c) * 1000
            row["floor_wall"] = statistics.median(t for t, _, _ in c) * 1000
            row["cpu_ratio"] = statistics.median(bc / cc for (_, _, bc), (_, _, cc) in zip(b, c))
        if h:
            row["hugo_ms"] = statistics.median(t for t, _, _ in h) * 1000
            row["hugo_mib"] = statistics.median(m for _, m, _ in h)
            row["hugo_cpu"] = statistics.median(c for _, _, c in h) * 1000
            row["hugo_pages"] = pages(h_out)
            row["ratio"] = statistics.median(bt / ht for (bt, _, _), (ht, _, _) in zip(b, h))
        rows.append(row)
        print(row, file=sys.stderr)
    mode = "rebuilding over the previous output" if args.rebuild else "from an empty output folder"
    print(f"\n{args.runs} interleaved runs per size, {mode}, outputs in {work}, medians; ratio = median of per-pair brief/Hugo wall.\n")
    if args.same_work:
        print("| packets | brief pages | brief wall / CPU / peak | Hugo pages (same site) | Hugo wall / CPU / peak | brief/Hugo wall |")
        print("|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            hugo_cols = (
                f"{r['hugo_pages']} | {r['hugo_ms']:.0f} ms / {r['hugo_cpu']:.0f} ms / {r['hugo_mib']:.0f} MiB | {r['ratio']:.3f}"
                if "hugo_ms" in r
                else "– | – | –"
            )
            print(f"| {r['n']} | {r['brief_pages']} | {r['brief_ms']:.0f} ms / {r['brief_cpu']:.0f} ms / {r['brief_mib']:.0f} MiB | {hugo_cols} |")
        print_cpu_floor(rows)
        return
    print("| packets / pages | brief wall | brief peak RSS | writing brief's files alone | Hugo wall | Hugo peak RSS | brief/Hugo |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        hugo_cols = (
            f"{r['hugo_ms']:.0f} ms | {r['hugo_mib']:.0f} MiB | {r['ratio']:.2f}"
            if "hugo_ms" in r
            else "– | – | –"
        )
        floor = f"{r['floor_ms']:.0f} ms" if "floor_ms" in r else "–"
        print(f"| {r['n']} | {r['brief_ms']:.1f} ms | {r['brief_mib']:.0f} MiB | {floor} | {hugo_cols} |")
    print_cpu_floor(rows)


def print_cpu_floor(rows):
    """brief's CPU per packet against examples/floor.rs's, when --cpu-floor ran."""
    if not any("floor_cpu" in r for r in rows):
        return
    print("\n| packets | brief CPU per packet | floor CPU per packet (examples/floor.rs) | floor wall | brief CPU / floor CPU |")
    print("|---:|---:|---:|---:|---:|")
    for r in rows:
        if "floor_cpu" in r:
            print(f"| {r['n']} | {r['brief_cpu'] / r['n']:.1f} ms | {r['floor_cpu'] / r['n']:.1f} ms | {r['floor_wall']:.0f} ms | {r['cpu_ratio']:.2f} |")


if __name__ == "__main__":
    main()
