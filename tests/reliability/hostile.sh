#!/usr/bin/env bash
# Heavy hostile-input cases that are too big or too slow for `cargo test`: each generates
# its input under $WORK (default /tmp/digest-hostile), runs `digest ingest` on a fresh index
# under `/usr/bin/time -v`, and reports the outcome, wall time and peak memory (maximum
# resident set size) as a markdown table.
#
#   tests/reliability/hostile.sh              # every case, one after another, fresh table
#   tests/reliability/hostile.sh array1m      # one case (names below), added to the table
#   KEEP=1 tests/reliability/hostile.sh       # keep the generated inputs (else each is
#                                             # deleted once measured)
#
# The table accumulates in $WORK/results.md and is printed at the end of every run.
#
# Cases:
#   text1g      a 1 GB plain-text file                     (skipped: over the 8 MB text limit)
#   jsonl1g     a 1 GB JSON Lines file of small articles   (skipped: over the 64 MB JSON limit)
#   line50m     a 50 MB file that is one single line       (skipped: over the 8 MB text limit)
#   text8m      an 8 MB single-line text, just under the limit          (ingested)
#   array1m     a JSON array of 1,000,000 tiny articles, 52 MB          (ingested)
#   array1m_big the same million with longer fields, 115 MB             (skipped: over 64 MB)
#   jsonl64m    64 MB of the tiniest JSON Lines articles: the largest
#               JSON file accepted, and the most articles per byte      (ingested)
#   one16m      one 16 MB JSON Lines file of the tiniest articles       (ingested)
#   three16m    three such files in one run: does memory stay at one
#               file's worth, or do prepared files pile up?             (ingested)
#
# The CI tests (tests/hostile/mod.rs) cover the same rules on small inputs; this script
# measures what they cannot: bounded time and memory on inputs of the size users have.
set -euo pipefail
cd "$(dirname "$0")/../.."

WORK=${WORK:-/tmp/digest-hostile}
TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
    echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2
    exit 2
fi

cargo build --release --quiet
BIN=$PWD/target/release/digest
mkdir -p "$WORK"
RESULTS="$WORK/results.md"
[ $# -gt 0 ] || : >"$RESULTS"

mib() { echo $(($1 << 20)); }

# Exactly `bytes` bytes of `text` repeated on one line (no newline).
fill() { # text bytes
    { yes "$1" || true; } | { tr -d '\n' || true; } | head -c "$2"
}

# One JSON object per line, `n` of them, each naming its number (`w123x`) so it can be
# found; `pad` extra words per body.
gen_jsonl() { # out n pad
    awk -v n="$2" -v pad="$3" 'BEGIN {
        filler = ""
        for (k = 0; k < pad; k++) filler = filler " the walrus census counted tusks on the ice"
        for (i = 0; i < n; i++)
            printf "{\"title\":\"Item %d\",\"body\":\"Report w%dx about the walrus census.%s\",\"date\":\"2020-%02d-%02d\"}\n", i, i, filler, 1 + i % 12, 1 + i % 28
    }' >"$1"
}

# JSON Lines of `bytes` bytes at least, of the smallest articles digest accepts (without
# a title, a one-line body would be taken for the headline, leaving no body).
gen_tiny_jsonl() { # out bytes
    awk -v bytes="$2" 'BEGIN {
        total = 0
        for (i = 0; total < bytes; i++) {
            line = sprintf("{\"title\":\"t\",\"body\":\"w%dx walrus\"}", i)
            print line
            total += length(line) + 1
        }
    }' >"$1"
}

gen_array() { # out n pad
    gen_jsonl "$1.tmp" "$2" "$3"
    { printf '['; paste -sd, "$1.tmp"; printf ']'; } >"$1"
    rm -f "$1.tmp"
}

# Runs `digest ingest --no-bundled PATH...` on a fresh index; appends a table row.
measure() { # name description path...
    local name=$1 what=$2
    shift 2
    local idx="$WORK/index-$name" log="$WORK/$name.time" out="$WORK/$name.out"
    rm -rf "$idx"
    local size
    size=$(du -cb "$@" | tail -1 | cut -f1)
    local mb=$(((size + (1 << 20) - 1) >> 20))
    echo "== $name: $what ($mb MB)" >&2
    set +e
    DIGEST_INDEX="$idx" NO_COLOR=1 "$TIME" -v "$BIN" ingest --no-bundled "$@" >"$out" 2>"$log"
    local code=$?
    set -e
    local rss wall summary skipped
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
    summary=$(head -1 "$out" | sed 's/ ([0-9.]* s)$//')
    skipped=$(grep '^skipped ' "$out" | sed "s|^skipped $WORK/||" | head -3 | paste -sd';' - || true)
    echo "   exit $code; $summary; ${skipped:-nothing skipped}; $wall; peak $((rss / 1024)) MB" >&2
    printf '| %s | %s MB | %s%s | %s | %s | %s MB |\n' \
        "$what" "$mb" "$summary" "${skipped:+ — $skipped}" "$code" "$wall" \
        "$((rss / 1024))" >>"$RESULTS"
    rm -rf "$idx"
    [ -n "${KEEP:-}" ] || rm -rf "$@"
}

case_text1g() {
    local f="$WORK/text1g.txt"
    [ -s "$f" ] || { printf 'Title: Huge\n\n' >"$f"; { yes 'The walrus hauled out on the ice while the census team counted tusks.' || true; } | head -c "$(mib 1024)" >>"$f"; }
    measure text1g "1 GB plain-text file" "$f"
}

case_jsonl1g() {
    local f="$WORK/jsonl1g.jsonl"
    [ -s "$f" ] || gen_jsonl "$f" 6000000 2
    measure jsonl1g "1 GB JSON Lines file" "$f"
}

case_line50m() {
    local f="$WORK/line50m.txt"
    [ -s "$f" ] || { printf 'Title: One line\n\n' >"$f"; fill 'the walrus hauled out on the ice ' "$(mib 50)" >>"$f"; }
    measure line50m "50 MB single-line text" "$f"
}

case_text8m() {
    local f="$WORK/text8m.txt"
    [ -s "$f" ] || { printf 'Title: One line\n\n' >"$f"; fill 'the walrus hauled out on the ice. ' "$(($(mib 8) - 64))" >>"$f"; }
    measure text8m "8 MB single-line text (at the limit)" "$f"
}

case_array1m() {
    local f="$WORK/array1m.json"
    [ -s "$f" ] || {
        awk 'BEGIN { printf "["; for (i = 0; i < 1000000; i++) printf "%s{\"title\":\"t%d\",\"body\":\"w%dx walrus\"}", (i ? "," : ""), i, i; printf "]" }' >"$f"
    }
    measure array1m "JSON array, 1,000,000 tiny articles" "$f"
}

case_array1m_big() {
    local f="$WORK/array1m_big.json"
    [ -s "$f" ] || gen_array "$f" 1000000 0
    measure array1m_big "JSON array, 1,000,000 articles with dates" "$f"
}

case_jsonl64m() {
    local f="$WORK/jsonl64m.jsonl"
    [ -s "$f" ] || gen_tiny_jsonl "$f" "$(($(mib 64) - 64))"
    measure jsonl64m "64 MB JSON Lines of the tiniest articles (at the limit)" "$f"
}

case_one16m() {
    local f="$WORK/one16m.jsonl"
    [ -s "$f" ] || gen_tiny_jsonl "$f" "$(mib 16)"
    measure one16m "one 16 MB JSON Lines file of the tiniest articles" "$f"
}

case_three16m() {
    local d="$WORK/three16m"
    mkdir -p "$d"
    for k in 1 2 3; do
        [ -s "$d/part$k.jsonl" ] || { gen_tiny_jsonl "$d/part$k.jsonl" "$(mib 16)"; sed -i "s/walrus/walrus$k/" "$d/part$k.jsonl"; }
    done
    measure three16m "three such 16 MB files in one run" "$d"
}

ALL=(text1g jsonl1g line50m text8m array1m array1m_big jsonl64m one16m three16m)
CASES=("$@")
[ ${#CASES[@]} -gt 0 ] || CASES=("${ALL[@]}")
for c in "${CASES[@]}"; do
    "case_$c"
done

echo
echo "| input | size | outcome | exit | wall time | peak RSS |"
echo "|---|---|---|---|---|---|"
cat "$RESULTS"
