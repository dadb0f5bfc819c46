#!/usr/bin/env python3
"""Whole `digest compare QUERY --json` processes, two builds side by side.

usage: benches/compare_process.py BEFORE_BIN AFTER_BIN INDEX_DIR [ROUNDS]

Each round runs every query with both binaries, alternating which goes first; prints a
Markdown table of the medians (exec → exit, output discarded).
"""
import os
import statistics
import subprocess
import sys
import time

QUERIES = ["trump", "supreme court", "climate change", "biden"]


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    before, after, index = sys.argv[1:4]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    env = dict(os.environ, DIGEST_INDEX=index, NO_COLOR="1")
    bins = {"before": before, "after": after}
    print("| query | before, ms | after, ms | after / before |")
    print("|---|---|---|---|")
    for q in QUERIES:
        times = {k: [] for k in bins}
        for r in range(rounds):
            order = list(bins) if r % 2 == 0 else list(bins)[::-1]
            for k in order:
                start = time.perf_counter()
                p = subprocess.run([bins[k], "compare", *q.split(), "--json"], env=env,
                                   capture_output=True)
                times[k].append(time.perf_counter() - start)
                if p.returncode not in (0, 1):
                    sys.exit(f"{bins[k]} compare {q}: {p.stderr.decode()}")
        b, a = statistics.median(times["before"]), statistics.median(times["after"])
        print(f"| `{q}` | {b * 1000:.0f} | {a * 1000:.0f} | {a / b:.2f}× |")


if __name__ == "__main__":
    main()
