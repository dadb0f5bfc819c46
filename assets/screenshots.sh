#!/bin/sh
# Screenshots of the real reader for the README: the release binary on the bundled
# corpus in tmux at 120x36, captured with colours and turned into SVG by ansi2svg.py.
# usage: assets/screenshots.sh   (from the repository root; needs tmux and python3)
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet
tmp=$(mktemp -d)
socket="digest-screenshots-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
cols=120 rows=36
tmux -L "$socket" new-session -d -s shot -x "$cols" -y "$rows" \
    -e "DIGEST_INDEX=$tmp/index" -e COLORTERM=truecolor -e TERM=xterm-256color \
    "$PWD/target/release/digest"
shot() { # NAME TEXT-TO-WAIT-FOR
    i=0
    until tmux -L "$socket" capture-pane -p -t shot | grep -qF "$2"; do
        i=$((i + 1)); [ "$i" -lt 100 ] || { echo "screenshots: no \"$2\" on screen" >&2; exit 1; }
        sleep 0.1
    done
    sleep 0.3
    tmux -L "$socket" capture-pane -e -p -t shot | python3 assets/ansi2svg.py "$cols" "$rows" \
        > "assets/screenshots/$1.svg"
    echo "assets/screenshots/$1.svg"
}
keys() { tmux -L "$socket" send-keys -t shot "$@"; }
shot newest "newest first"
keys -l "lunar station"
shot search "articles match"
keys Enter
shot reader "outlet    "
keys Escape
sleep 0.3
keys Escape
sleep 0.3
keys e
shot events "events"
keys Enter
shot compare "Compare ›"
