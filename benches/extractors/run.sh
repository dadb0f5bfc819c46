#!/usr/bin/env bash
# The candidate article extractors on the 181-page benchmark, for BENCHMARKS.md "Article
# extraction": build, extract, score with the official scorer, time on one core, titles.
# A crate of its own (not part of digest's build or CI): cd benches/extractors && ./run.sh
set -euo pipefail
cd "$(dirname "$0")"
[ -d bench ] || { cp -r ../../../shared/corpora/article-extraction-benchmark bench; chmod -R u+w bench; }
nice cargo build --release -j 2 --bins
taskset -c 1 ./target/release/extract-bench extract            # bench/output/*.json, titles/*.json, meta/*.json
(cd bench && python3 evaluate.py | tee ../scores.txt)
taskset -c 1 ./target/release/extract-bench speed 7 > speed.txt; cat speed.txt
python3 analysis/reftitles.py                                   # titles/reference.json
python3 analysis/titles.py
python3 analysis/metacov.py
for c in rs_trafilatura dom_smoothie; do python3 analysis/perpage.py "$c" 10; done
# digest itself, scored in the same scorer run as these outputs:
#   cargo build --release && python3 benches/extraction.py target/release/digest \
#       ../shared/corpora/article-extraction-benchmark benches/extractors/bench/output
