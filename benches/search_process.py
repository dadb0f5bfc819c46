#!/usr/bin/env python3
"""Whole-process `digest search` time of two digest binaries, interleaved.

usage: benches/search_process.py BASELINE_BIN NEW_BIN INDEX_DIR [RUNS]

Each round runs every query once with each binary, alternating which goes first, so
both see the same machine; the figures are medians over RUNS rounds (default 30) of
wall time from exec to exit (output to /dev/null). Used for the before/after table in
BENCHMARKS.md; absolute times on a shared 2-core machine are noise, the ratio is not.
"""
import os
import statistics
import subprocess
import sys
import time

QUERIES = ["trump", "iran nuclear deal", "supreme court ruling", "climate change policy", "biden -trump"]


def run(binary, index, query):
    env = dict(os.environ, DIGEST_INDEX=index, NO_COLOR="1")
    start = time.perf_counter()
    subprocess.run([binary, "search", *query.split(), "--limit", "10"], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - start) * 1000


def main():
    base, new, index = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 30
    times = {(b, q): [] for b in (base, new) for q in QUERIES}
    for q in QUERIES:  # warm the page cache
        run(base, index, q)
        run(new, index, q)
    for r in range(runs):
        for q in QUERIES:
            order = (base, new) if r % 2 == 0 else (new, base)
            for b in order:
                times[(b, q)].append(run(b, index, q))
    print("| query | before, ms (median) | after, ms (median) | after / before |")
    print("|---|---|---|---|")
    for q in QUERIES:
        a = statistics.median(times[(base, q)])
        b = statistics.median(times[(new, q)])
        print(f"| `{q}` | {a:.1f} | {b:.1f} | {b / a:.2f}× |")


if __name__ == "__main__":
    main()
