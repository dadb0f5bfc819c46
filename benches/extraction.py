#!/usr/bin/env python3
"""Article extraction: digest's `ingest page.html` on the 181 pages of the benchmark.

usage: benches/extraction.py [--titles] [DIGEST_BIN] [BENCHMARK_DIR] [OTHER_OUTPUTS_DIR]
  (defaults: target/release/digest, ../shared/corpora/article-extraction-benchmark)

The pages are decompressed into a temporary directory and ingested in one run on one
thread (`digest ingest --no-bundled --threads 1 --json`); pages per second is that whole
process (reading, decoding, extraction, cleaning, analysis and indexing), so extraction
alone is faster. The stored body of each page (`digest show ID --json`, after digest's
own cleaning) is written as `output/digest.json` in a copy of the benchmark and scored
with its official `evaluate.py`. Outputs of other extractors in the scorer's format
(OTHER_OUTPUTS_DIR/*.json) are scored in the same run. Titles are printed beside the
page's `<title>` for reading.
"""
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main():
    args = [a for a in sys.argv[1:] if a != "--titles"]
    binary = args[0] if len(args) > 0 else os.path.join(ROOT, "target/release/digest")
    bench = args[1] if len(args) > 1 else os.path.join(
        ROOT, "../shared/corpora/article-extraction-benchmark")
    others = args[2] if len(args) > 2 else None
    with tempfile.TemporaryDirectory(prefix="digest-extraction-") as tmp:
        copy = os.path.join(tmp, "bench")
        shutil.copytree(bench, copy)
        out = os.path.join(copy, "output")
        os.makedirs(out, exist_ok=True)
        pages = os.path.join(tmp, "pages")
        os.makedirs(pages)
        for name in sorted(os.listdir(os.path.join(bench, "html"))):
            if name.endswith(".html.gz"):
                with gzip.open(os.path.join(bench, "html", name)) as f:
                    data = f.read()
                with open(os.path.join(pages, name[:-3]), "wb") as f:
                    f.write(data)
        n = len(os.listdir(pages))
        env = dict(os.environ, DIGEST_INDEX=os.path.join(tmp, "index"), NO_COLOR="1",
                   XDG_CONFIG_HOME=os.path.join(tmp, "config"))
        start = time.perf_counter()
        r = subprocess.run([binary, "ingest", "--no-bundled", "--threads", "1", "--json", pages],
                           env=env, capture_output=True, text=True)
        took = time.perf_counter() - start
        if r.returncode != 0:
            sys.exit(f"ingest failed: {r.stderr}")
        report = json.loads(r.stdout)
        result = {}
        titles = []
        for a in report["articles"]:
            page = os.path.basename(a["source"]).split(".html")[0]
            shown = json.loads(subprocess.run([binary, "show", a["id"], "--json"], env=env,
                                              capture_output=True, text=True, check=True).stdout)
            result[page] = {"articleBody": shown["body"]}
            titles.append((page, a["title"], a["outlet"], a["date"]))
        for page in os.listdir(pages):
            result.setdefault(page.split(".html")[0], {"articleBody": ""})
        with open(os.path.join(out, "digest.json"), "w") as f:
            json.dump(result, f)
        if others:
            for name in os.listdir(others):
                if name.endswith(".json"):
                    shutil.copy(os.path.join(others, name), out)
        print(f"pages: {n}; stored: {len(report['articles'])}; skipped: {len(report['skipped'])}")
        for s in report["skipped"]:
            print(f"  skipped {s['source']}: {s['reason']}")
        print(f"whole ingest on one thread: {took:.2f} s, {n / took:.0f} pages/s")
        print(f"dated: {sum(1 for t in titles if t[3])}/{n}; "
              f"outlet from the page: {sum(1 for t in titles if t[2] != 'unattributed')}/{n}")
        scored = subprocess.run([sys.executable, "evaluate.py"], cwd=copy, capture_output=True,
                                text=True)
        print(scored.stdout)
        if "--titles" in sys.argv:
            for page, title, outlet, date in sorted(titles):
                print(f"{page[:12]}  {outlet:24.24}  {date or '-':10}  {title}")


if __name__ == "__main__":
    main()
