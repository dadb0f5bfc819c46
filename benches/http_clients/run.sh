#!/usr/bin/env bash
# ureq against reqwest on a local gzip HTTP/1.1 server (digest issue 20).
#
#   ./run.sh                 build, then timing runs and static measures (tree, size)
#   ./run.sh runs            timing runs only (RUNS per client per delay, interleaved)
#   ./run.sh static          crates in each client's tree and stripped binary sizes
#   ./run.sh build-times     clean release build of each client alone (runs cargo clean!)
#   ./run.sh all             all of the above
#
# Env: RUNS (5), DELAYS ("0 20", ms per request on the server), KEEP_ALIVE (0: the server
# closes each connection; 1: keep-alive), CLIENTS (all three).
# Only 127.0.0.1 is contacted. The server runs in its own process, so each client's peak
# RSS (VmHWM, read by the client from /proc/self/status at the end) is its own.
set -euo pipefail
cd "$(dirname "$0")"

RUNS=${RUNS:-5}
DELAYS=${DELAYS:-"0 20"}
KEEP_ALIVE=${KEEP_ALIVE:-0}
CLIENTS=${CLIENTS:-"client_ureq client_reqwest_blocking client_reqwest_async"}
MODE=${1:-default}
BIN=target/release
OUT=target/bench
mkdir -p "$OUT"

feature_of() {
    case $1 in
        bench_http_server) echo server ;;
        client_ureq) echo ureq-client ;;
        client_reqwest_blocking) echo reqwest-blocking ;;
        client_reqwest_async) echo reqwest-async ;;
        *) echo "unknown binary $1" >&2; exit 2 ;;
    esac
}

# Each binary is built alone with its own feature, so no feature unification between them.
build_one() {
    cargo build --release --locked --quiet --no-default-features --features "$(feature_of "$1")" --bin "$1"
}

build_all() {
    for b in bench_http_server $CLIENTS; do build_one "$b"; done
}

machine() {
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(rustc --version)"
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); other rustc/cargo processes: $(pgrep -c -x 'rustc|cargo' || true)"
}

SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; fi
}
trap stop_server EXIT

start_server() { # $1 = delay ms; sets BASE_URL
    local log="$OUT/server-$1.log"
    DELAY_MS=$1 KEEP_ALIVE=$KEEP_ALIVE PORT=0 "$BIN/bench_http_server" >"$log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 600); do
        if grep -q '^listening' "$log" 2>/dev/null; then break; fi
        kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited: $(cat "$log")" >&2; exit 1; }
        sleep 0.1
    done
    BASE_URL=$(awk '/^listening/ {print $2}' "$log")
    [ -n "$BASE_URL" ] || { echo "server did not start" >&2; exit 1; }
    export BASE_URL
    sed -n 2p "$log"
}

# median (min-max) of numbers on stdin
summary() {
    sort -g | awk '{v[NR]=$1} END {
        m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2;
        printf "%s (%s-%s)", m, v[1], v[NR] }'
}

runs() {
    machine
    local results="$OUT/runs.txt"
    : >"$results"
    for d in $DELAYS; do
        start_server "$d"
        # One unrecorded warm-up run per client.
        for c in $CLIENTS; do "$BIN/$c" >/dev/null; done
        local clients=($CLIENTS)
        local n=${#clients[@]}
        for r in $(seq "$RUNS"); do
            # Rotate the order each round so no client always runs first.
            for k in $(seq 0 $((n - 1))); do
                local c=${clients[$(((k + r) % n))]}
                echo "delay_ms=$d round=$r $("$BIN/$c")" | tee -a "$results"
            done
        done
        stop_server
    done
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| client | delay | wall ms median (min-max) | CPU ms (user+sys) median (min-max) | peak RSS KiB median (min-max) |"
    echo "|---|---|---|---|---|"
    for d in $DELAYS; do
        for c in $CLIENTS; do
            local name=${c#client_}; name=${name//_/-}
            local rows
            rows=$(grep "^delay_ms=$d " "$results" | grep " client=$name ")
            printf '| %s | %s ms | %s | %s | %s |\n' "$name" "$d" \
                "$(sed 's/.*wall_ms=\([0-9.]*\).*/\1/' <<<"$rows" | summary)" \
                "$(sed 's/.*cpu_ms=\([0-9]*\).*/\1/' <<<"$rows" | summary)" \
                "$(sed 's/.*vmhwm_kib=\([0-9]*\).*/\1/' <<<"$rows" | summary)"
        done
    done
}

static_measures() {
    echo "| client | crates in tree (excl. this one) | stripped size (bytes) |"
    echo "|---|---|---|"
    for c in $CLIENTS; do
        local f; f=$(feature_of "$c")
        local crates
        crates=$(cargo tree --locked -e normal --prefix none --no-default-features --features "$f" \
            | sed 's/ (\*)$//' | grep -v '^http_clients ' | sort -u | wc -l)
        strip -o "$OUT/$c.stripped" "$BIN/$c"
        printf '| %s | %s | %s |\n' "$c" "$crates" "$(stat -c %s "$OUT/$c.stripped")"
    done
}

build_times() {
    machine
    echo "| client | clean release build, wall s |"
    echo "|---|---|"
    for c in $CLIENTS; do
        cargo clean --quiet
        local t0 t1
        t0=$(date +%s.%N)
        cargo build --release --locked --offline --quiet --no-default-features --features "$(feature_of "$c")" --bin "$c"
        t1=$(date +%s.%N)
        printf '| %s | %.1f |\n' "$c" "$(echo "$t1 - $t0" | bc)"
    done
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    build_all
}

case $MODE in
    default) build_all; runs; echo; static_measures ;;
    runs) build_all; runs ;;
    static) build_all; static_measures ;;
    build-times) build_times ;;
    all) build_all; runs; echo; static_measures; echo; build_times ;;
    *) echo "usage: $0 [runs|static|build-times|all]" >&2; exit 2 ;;
esac
