#!/usr/bin/env bash
# The million-article scale run: replicate the AllSides corpus to 1,000,000 articles
# (about 6 GB of text), ingest it, and measure what a reader notices.
#
#   tests/reliability/scale.sh [N]        # N articles, default 1000000
#
# Steps, each skipped when its output is already there (delete target/million to redo):
#   1. unpack the corpus into target/bench-corpus/jsons (as `cargo bench` does);
#   2. replicate it to N articles as JSON Lines in target/million/jsonl (replicate.py);
#   3. `digest ingest` into target/million/index under /usr/bin/time -v: time, peak RSS;
#   4. `digest search` as a whole process, 20 runs × 6 queries, on this index and on the
#      37k index of `cargo bench --bench tui` (target/bench-index-tui/all) for comparison;
#   5. events of the busiest week and a comparison of one of them, as whole processes;
#   6. `cargo bench --bench tui` on this index (DIGEST_BENCH_INDEX): keystroke → frame,
#      search with snippets inside the worker, launch, memory (DIGEST_SCALE_SKIP_TUI=1
#      leaves it out).
# Results go to target/million/report.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-1000000}"
OUT=target/million
CORPUS=target/bench-corpus/jsons
SRC="${DIGEST_BENCH_CORPUS:-../shared/corpora/allsides-article-bias}"
mkdir -p "$OUT"

if [ ! -f target/bench-corpus/.unpacked ]; then
    mkdir -p target/bench-corpus
    for part in jsons.part1-of-2.tar.gz jsons.part2-of-2.tar.gz; do
        tar -xzf "$SRC/$part" -C target/bench-corpus
    done
    echo ok > target/bench-corpus/.unpacked
fi

if [ ! -d "$OUT/jsonl" ]; then
    python3 tests/reliability/replicate.py "$CORPUS" "$OUT/jsonl" "$N"
fi

cargo build --release --quiet
BIN=target/release/digest

if [ ! -f "$OUT/ingest.time" ]; then
    /usr/bin/time -v "$BIN" --index "$OUT/index" ingest --no-bundled "$OUT/jsonl" \
        > "$OUT/ingest.out" 2> "$OUT/ingest.time"
fi

search_times() {
    python3 - "$BIN" "$1" <<'EOF'
import statistics, subprocess, sys, time
binary, index = sys.argv[1], sys.argv[2]
queries = ["trump", "climate change", "\"supreme court\"", "immigration -border",
           "title:election", "health care OR medicare"]
times = []
for q in queries:
    for _ in range(20):
        t = time.perf_counter()
        subprocess.run([binary, "--index", index, "search", *q.split()],
                       stdout=subprocess.DEVNULL, check=False)
        times.append((time.perf_counter() - t) * 1000)
times.sort()
p = lambda f: times[min(len(times) - 1, int(f * len(times)))]
print(f"{len(times)} runs: p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms, max {times[-1]:.1f} ms")
EOF
}

{
    echo "# Scale run: $N articles"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD), $(nproc) cores"
    echo "- corpus: $(du -sh "$OUT/jsonl" | cut -f1) of JSON Lines; index $(du -sh "$OUT/index" | cut -f1)"
    echo
    echo "## Ingest"
    echo
    echo '```'
    tail -n 12 "$OUT/ingest.out"
    grep -E "Elapsed|Maximum resident" "$OUT/ingest.time"
    echo '```'
    echo
    echo "## digest search as a whole process"
    echo
    echo "- $N articles: $(search_times "$OUT/index")"
    if [ -d target/bench-index-tui/all ]; then
        echo "- 37,554 articles: $(search_times target/bench-index-tui/all)"
    fi
} | tee "$OUT/report.md"


# Events at this scale: a week's events (found among that week's articles only), then a
# comparison of the widest of them, each as a whole process, median of 5 runs. The week
# is the one after the busiest day of the corpus.
python3 - "$BIN" "$OUT/index" <<'EOF2' | tee -a "$OUT/report.md"
import json, statistics, subprocess, sys, time
from collections import Counter
from datetime import date, timedelta
binary, index = sys.argv[1], sys.argv[2]
run = lambda *a: subprocess.run([binary, "--index", index, *a], capture_output=True, text=True)
outlets = json.loads(run("outlets", "--json").stdout)["outlets"]
days = Counter()
# The copies keep their original's date: count the original corpus's days.
corpus = "target/bench-corpus/jsons"
for name in __import__("os").listdir(corpus):
    d = json.load(open(f"{corpus}/{name}", encoding="utf-8")).get("date") or ""
    if len(d) == 10 and d[:2] in ("19", "20"):
        days[d] += 1
busiest = days.most_common(1)[0][0]
since = busiest
until = (date.fromisoformat(busiest) + timedelta(days=6)).isoformat()
def timed(*args, runs=5):
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = run(*args)
        times.append(time.perf_counter() - t)
    return statistics.median(times), out
first = time.perf_counter(); events = run("events", "--since", since, "--until", until, "--json"); first = time.perf_counter() - first
took, events = timed("events", "--since", since, "--until", until, "--json")
found = json.loads(events.stdout)["events"]
print(f"\n## Events at this scale\n")
print(f"- `digest events --since {since} --until {until}`: {len(found)} events; first run {first:.2f} s, then median {took:.3f} s (the period's events are kept until the next commit)")
if found:
    cmp_took, _ = timed("compare", "--event", found[0]["id"], "--since", since, "--until", until, "--json")
    print(f"- `digest compare --event {found[0]['id']} --since {since} --until {until}` ({len(found[0]['outlets'])} outlets): median {cmp_took*1000:.0f} ms")
q_took, _ = timed("compare", "supreme", "court", "--since", since, "--until", until, "--json")
print(f"- `digest compare supreme court --since {since} --until {until}`: median {q_took*1000:.0f} ms")
EOF2

[ -n "${DIGEST_SCALE_SKIP_TUI:-}" ] || DIGEST_BENCH_INDEX="$OUT/index" cargo bench --bench tui 2>&1 | tee -a "$OUT/report.md"
