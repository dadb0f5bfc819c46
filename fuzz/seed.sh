#!/bin/sh
# Fills fuzz/corpus/<target>/ with seed inputs: small files from tests/fixtures and
# data/articles, and a few queries and escape-laden strings. Safe to run again.
set -eu
cd "$(dirname "$0")"
root=..
mkdir -p corpus/read_text corpus/read_json corpus/query corpus/sanitize
for f in "$root"/tests/fixtures/formats/header.txt "$root"/tests/fixtures/formats/no_header.txt \
    "$root"/tests/fixtures/formats/notes.md "$root"/tests/fixtures/bad/good.txt \
    "$root"/tests/fixtures/clean/*.txt "$root"/data/articles/000_08e4b753123ab7c5.txt; do
    [ -f "$f" ] && cp "$f" corpus/read_text/
done
for f in "$root"/tests/fixtures/formats/*.json "$root"/tests/fixtures/formats/*.jsonl \
    "$root"/tests/fixtures/formats/*.ndjson "$root"/tests/fixtures/bad/*.json; do
    [ -f "$f" ] && cp "$f" corpus/read_json/
done
i=0
while IFS= read -r q; do
    i=$((i + 1))
    printf '%s' "$q" > "corpus/query/seed$i"
done <<'QUERIES'
lunar station
"lunar station"
moon OR lunar base
ilrs NOT artemis
ilrs -artemis
ilrs AND NOT artemis
title:moon
title:"far side"
outlet:tass
(moon OR lunar) -us
Chang’e-4 U.S.-led
“far side of the moon” -(NASA OR ESA)
QUERIES
printf 'plain text, nothing to do' > corpus/sanitize/plain
printf 'a\033[2J\033[1;1Hb\033]0;title\007c\033]8;;http://x\033\\link\033]8;;\033\\' > corpus/sanitize/escapes
printf 'x\302\2352;c;ZXZpbA==\007y \302\233 31mred \342\200\256evil\342\200\254 \342\200\213zw' > corpus/sanitize/c1_bidi
printf 'line\nnext\tcol\r\n\342\200\250sep\342\200\251para \360\237\221\251\342\200\215\360\237\232\200' > corpus/sanitize/lines
echo "seeded: $(ls corpus/read_text | wc -l) text, $(ls corpus/read_json | wc -l) json, $(ls corpus/query | wc -l) query, $(ls corpus/sanitize | wc -l) sanitize"
