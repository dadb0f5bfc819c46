#!/usr/bin/env python3
"""Events against the AllSides roundups: B-cubed precision, recall and F1.

usage: benches/roundups.py [DIGEST_BIN] [ROUNDUPS_JSONL]
  (defaults: target/release/digest, ../shared/corpora/allsides-roundups/roundups.jsonl)

Each roundup is one real event told by two or three outlets. Every roundup's articles
are written to one JSON Lines file (outlet, title, the roundup's day as the date, the
article's first paragraphs as the text), ingested into a fresh index, and
`digest events --json` is scored against the roundup ids as the roundups README says:
B-cubed over articles (Bagga & Baldwin 1998), an article no event holds counting as its
own cluster. Prints the scores and a few counts; nothing is written outside a temporary
directory.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def roundup_articles(roundups):
    """Every roundup's articles as digest JSON Lines items, dated to the roundup's day."""
    return [{
        "outlet": side["newsSource"],
        "title": side["newsTitle"],
        "date": r["date"][:10],
        "url": side.get("newsLink") or "",
        "text": "\n\n".join(side["newBody"]),
    } for r in roundups for side in r["news"].values()]


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/digest")
    source = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        ROOT, "../shared/corpora/allsides-roundups/roundups.jsonl")
    gold = {}  # (outlet, title) -> roundup id; None when two roundups share it
    with open(source, encoding="utf-8") as f:
        roundups = [json.loads(line) for line in f]
    for r in roundups:
        for side in r["news"].values():
            key = (side["newsSource"], side["newsTitle"].strip())
            gold[key] = None if key in gold and gold[key] != r["id"] else r["id"]
    items = roundup_articles(roundups)
    with tempfile.TemporaryDirectory(prefix="digest-roundups-") as tmp:
        corpus = os.path.join(tmp, "roundups.jsonl")
        with open(corpus, "w", encoding="utf-8") as f:
            for it in items:
                f.write(json.dumps(it) + "\n")
        env = dict(os.environ, DIGEST_INDEX=os.path.join(tmp, "index"), NO_COLOR="1",
                   XDG_CONFIG_HOME=os.path.join(tmp, "config"))
        subprocess.run([binary, "ingest", "--no-bundled", corpus], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        start = time.perf_counter()
        out = subprocess.run([binary, "events", "--json"], env=env, capture_output=True,
                             text=True)
        took = time.perf_counter() - start
        if out.returncode not in (0, 1):
            sys.exit(f"digest events failed: {out.stderr}")
        events = json.loads(out.stdout)["events"]
        outlets = subprocess.run([binary, "outlets", "--json"], env=env, capture_output=True,
                                 text=True, check=True)
        names = {o["id"]: o["name"] for o in json.loads(outlets.stdout)["outlets"]}

    # Articles as (outlet name, title); the gold cluster of each.
    truth = {k: v for k, v in gold.items() if v is not None}
    found = {}
    twice = 0
    for i, e in enumerate(events):
        for a in e["articles"]:
            key = (a["outlet_name"], a["title"].strip())
            if key in found:
                twice += 1
            found.setdefault(key, i)
    articles = list(truth)
    # Outlet names may be normalised by digest; match on title when the pair is unknown.
    by_title = defaultdict(list)
    for (o, t), c in found.items():
        by_title[t].append(c)
    def cluster(key):
        if key in found:
            return found[key]
        hits = by_title.get(key[1], [])
        return hits[0] if len(hits) == 1 else ("alone", key)
    pred = {a: cluster(a) for a in articles}
    gold_size = Counter(truth[a] for a in articles)
    pred_size = Counter(pred[a] for a in articles)
    both = Counter((truth[a], pred[a]) for a in articles)
    p = sum(both[(truth[a], pred[a])] / pred_size[pred[a]] for a in articles) / len(articles)
    r = sum(both[(truth[a], pred[a])] / gold_size[truth[a]] for a in articles) / len(articles)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    placed = sum(1 for a in articles if not isinstance(pred[a], tuple))
    print(f"articles scored: {len(articles)} (of {len(items)}; titles two roundups share left out)")
    print(f"outlets in the index: {len(names)}")
    print(f"events: {len(events)}; articles placed in an event: {placed}; in two events: {twice}")
    print(f"B-cubed precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")
    print(f"digest events took {took:.2f} s")


if __name__ == "__main__":
    main()
