#!/usr/bin/env bash
# Kills `digest ingest` with SIGKILL at random points, many times, and checks after each
# kill that the index holds exactly what it held before the run or exactly what the run
# meant to add — never anything else — and that `digest search` answers.
#
# Usage: tests/reliability/kill.sh [RUNS] [SEED]
#   RUNS  kills to make (default 200)
#   SEED  seed of the kill points (default 1)
#
# Uses the release binary (built first). Prints one summary line:
#   kill: runs N, old-state A, new-state B, failures F (finished-before-kill C, T ms per run)
# where runs counts only runs that were killed (a run that ends before its kill point is
# checked too, and counted as finished-before-kill).
# and exits 1 if any run left something else.
#
# As root, where a small tmpfs can be mounted, it also fills a real disk: an ingest into an
# index on a nearly full tmpfs must fail with "No space left on device" (exit 2) and leave
# the index answering as before. That line starts with `full-disk:`.
set -euo pipefail

RUNS=${1:-200}
SEED=${2:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
BIN="$ROOT/target/release/digest"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/digest-kill-XXXXXX")
MOUNTED=""
cleanup() {
    if [ -n "$MOUNTED" ]; then umount "$MOUNTED" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
export NO_COLOR=1 HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/.local/share"
unset RUST_BACKTRACE
mkdir -p "$HOME"

OLD=40
NEW=3000
# N generated JSON Lines articles, each with WORD and a unique WORD<i>x.
generate() { # FILE WORD N
    awk -v word="$2" -v n="$3" 'BEGIN {
        for (i = 0; i < n; i++)
            printf "{\"title\":\"Generated %s report %d\",\"body\":\"Generated report %d about the %s survey mentions %s%dx once. The field team counted birds near the river. Filler describes the weather, the light and the long walk back to camp.\",\"date\":\"2020-%02d-%02d\"}\n", word, i, i, word, word, i, 1 + i % 12, 1 + i % 28
    }' >"$1"
}
generate "$WORK/old.jsonl" killold "$OLD"
generate "$WORK/new.jsonl" killnew "$NEW"

INDEX="$WORK/index"
TEMPLATE="$WORK/template"
"$BIN" --index "$TEMPLATE" ingest --no-bundled "$WORK/old.jsonl" >/dev/null

restore() { rm -rf "$INDEX"; cp -a "$TEMPLATE" "$INDEX"; }

# The ids of every article, sorted, as `digest search` reports them (and its exit code).
ids() {
    "$BIN" --index "$INDEX" search --json -n 1000000 "killold OR killnew" |
        grep -o '"id": "[0-9a-f]*"' | sort | md5sum | cut -d' ' -f1
}
now_ms() { date +%s%3N; }

restore
OLD_IDS=$(ids)
# A full run, twice; the faster one sets the span of the kill points (adjusted as runs
# finish before their kill point or are killed late but before the commit).
FULL=0
for _ in 1 2; do
    restore
    t0=$(now_ms)
    "$BIN" --index "$INDEX" ingest "$WORK/new.jsonl" >/dev/null
    took=$(($(now_ms) - t0))
    if [ "$FULL" -eq 0 ] || [ "$took" -lt "$FULL" ]; then FULL=$took; fi
done
NEW_IDS=$(ids)
[ "$OLD_IDS" != "$NEW_IDS" ] || { echo "kill: the batch added nothing" >&2; exit 1; }

RANDOM=$SEED
rand_below() { # N → uniform in 0..N (N < 2^30)
    echo $((((RANDOM << 15) | RANDOM) % $1))
}
restore
kills=0 old_state=0 new_state=0 failures=0 finished=0 attempts=0
while [ "$kills" -lt "$RUNS" ] && [ "$attempts" -lt $((RUNS * 3)) ]; do
    attempts=$((attempts + 1))
    # A quarter anywhere in the run, a quarter in its last 30 % (the segments are written
    # and committed), a quarter in its last 10 %, and a quarter the moment the new
    # meta.json is in place (after the commit, before the run ends).
    on_commit=0
    case $((attempts % 4)) in
        0) delay=$(rand_below "$FULL") ;;
        1) delay=$((FULL * 7 / 10 + $(rand_below $((FULL * 3 / 10 + 1))))) ;;
        2) delay=$((FULL * 9 / 10 + $(rand_below $((FULL / 10 + 1))))) ;;
        *) delay=$((FULL * 3)) on_commit=1 ;;
    esac
    touch "$WORK/before-run"
    "$BIN" --index "$INDEX" ingest "$WORK/new.jsonl" >/dev/null 2>"$WORK/stderr" &
    pid=$!
    if [ "$on_commit" -eq 1 ]; then
        # tantivy writes meta.json anew and renames it into place: it turns newer than
        # the mark the moment the commit lands.
        while kill -0 "$pid" 2>/dev/null && ! [ "$INDEX/meta.json" -nt "$WORK/before-run" ]; do
            :
        done
    else
        sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    fi
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
        killed=1
    else
        killed=0
    fi
    set +e
    wait "$pid" 2>/dev/null
    status=$?
    set -e
    # Exit 137 is SIGKILL; anything else means the run ended on its own first.
    if [ "$status" -ne 137 ]; then killed=0; fi
    got=$(ids) || got="search failed"
    if [ "$killed" -eq 0 ]; then
        # Runs are faster than measured (the load changed): aim earlier.
        if [ "$on_commit" -eq 0 ]; then FULL=$((FULL * 9 / 10)); fi
        finished=$((finished + 1))
        if [ "$status" -ne 0 ] || [ "$got" != "$NEW_IDS" ]; then
            failures=$((failures + 1))
            echo "kill: run $attempts finished with status $status and $got" >&2
            cat "$WORK/stderr" >&2
        fi
        restore
        continue
    fi
    kills=$((kills + 1))
    if [ "$got" = "$OLD_IDS" ]; then
        old_state=$((old_state + 1))
        # Killed in the last tenth and still before the commit: aim a little later.
        if [ $((attempts % 4)) -eq 2 ]; then FULL=$((FULL * 101 / 100)); fi
    elif [ "$got" = "$NEW_IDS" ]; then
        new_state=$((new_state + 1))
        restore
    else
        failures=$((failures + 1))
        echo "kill: run $attempts (killed after $delay ms) left $got" >&2
        restore
    fi
done

# The files killed runs left behind go with the next run that completes.
"$BIN" --index "$INDEX" ingest "$WORK/new.jsonl" >/dev/null
if [ "$(ids)" != "$NEW_IDS" ]; then
    failures=$((failures + 1))
    echo "kill: the run after the kills did not complete the batch" >&2
fi

echo "kill: runs $kills, old-state $old_state, new-state $new_state, failures $failures (finished-before-kill $finished, $FULL ms per run)"

# A real full disk, where a tmpfs can be mounted (root).
if [ "$(id -u)" -eq 0 ]; then
    DISK="$WORK/disk"
    mkdir -p "$DISK"
    size_kb=$(($(du -sk "$TEMPLATE" | cut -f1) + 256))
    if mount -t tmpfs -o "size=${size_kb}k" tmpfs "$DISK" 2>/dev/null; then
        MOUNTED=$DISK
        cp -a "$TEMPLATE" "$DISK/index"
        before=$("$BIN" --index "$DISK/index" search --json -n 1000000 killold | md5sum)
        set +e
        "$BIN" --index "$DISK/index" ingest "$WORK/new.jsonl" >/dev/null 2>"$WORK/stderr"
        status=$?
        set -e
        after=$("$BIN" --index "$DISK/index" search --json -n 1000000 killold | md5sum)
        message=$(cat "$WORK/stderr")
        if [ "$status" -eq 2 ] && [ "$before" = "$after" ] &&
            [ "$(wc -l <"$WORK/stderr")" -eq 1 ] &&
            grep -q "No space left on device" "$WORK/stderr"; then
            echo "full-disk: ok: $message"
        else
            failures=$((failures + 1))
            echo "full-disk: FAILED (status $status): $message"
        fi
        umount "$DISK"
        MOUNTED=""
    else
        echo "full-disk: skipped (cannot mount a tmpfs here)"
    fi
else
    echo "full-disk: skipped (needs root to mount a tmpfs)"
fi

[ "$failures" -eq 0 ]
