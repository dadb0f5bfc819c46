#!/usr/bin/env python3
"""The framing signals on a fixed sample of 30 AllSides roundups, printed for reading.

usage: benches/framing_sample.py [DIGEST_BIN] [ROUNDUPS_JSONL] > sample.txt
  (defaults: target/release/digest, ../shared/corpora/allsides-roundups/roundups.jsonl)

The sample rule, fixed before any output was read: the roundups with at least two
outlets, sorted by id, every k-th starting with the first, k = len // 30, the first 30.

All roundups are ingested into one index, as a reader following these outlets would
have them, and `digest events --json` groups them. For each sampled roundup the event
holding most of its articles is compared (`digest compare --event ID --json`); when no
event holds two of them, the roundup's AllSides headline is compared as a query. Each
outlet column's naming, voices, tone evidence and passages (with the outlets said to
share them) are printed, followed by the roundup's own summary of the framing to read
against. The count of wrong items per signal in BENCHMARKS.md is read off this output;
the script also flags the mechanical ones (a passage ending on an abbreviation or an
initial, a tone word written with a capital inside a sentence).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from roundups import roundup_articles  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SAMPLE = 30


def sample(roundups):
    eligible = sorted((r for r in roundups if len(r["news"]) >= 2), key=lambda r: r["id"])
    k = max(1, len(eligible) // SAMPLE)
    return eligible[::k][:SAMPLE]


FRAGMENT = re.compile(r"(\b[A-Z]\.|\bv\.|\bU\.S\.|\bMr\.|\bMrs\.|\bDr\.|\bSt\.|\bJr\.)$")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/digest")
    source = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        ROOT, "../shared/corpora/allsides-roundups/roundups.jsonl")
    with open(source, encoding="utf-8") as f:
        roundups = [json.loads(line) for line in f]
    items = roundup_articles(roundups)
    flags = {"fragments": 0, "capital tone words": 0}
    with tempfile.TemporaryDirectory(prefix="digest-framing-") as tmp:
        corpus = os.path.join(tmp, "roundups.jsonl")
        with open(corpus, "w", encoding="utf-8") as f:
            for it in items:
                f.write(json.dumps(it) + "\n")
        env = dict(os.environ, DIGEST_INDEX=os.path.join(tmp, "index"), NO_COLOR="1",
                   XDG_CONFIG_HOME=os.path.join(tmp, "config"))
        subprocess.run([binary, "ingest", "--no-bundled", corpus], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        events = json.loads(subprocess.run([binary, "events", "--json"], env=env,
                                           capture_output=True, text=True).stdout)["events"]
        for n, r in enumerate(sample(roundups), 1):
            titles = {s["newsTitle"].strip() for s in r["news"].values()}
            best, held = None, 0
            for e in events:
                k = sum(1 for a in e["articles"] if a["title"].strip() in titles)
                if k > held:
                    best, held = e, k
            if best is not None and held >= 2:
                args, how = ["compare", "--event", best["id"]], f"event {best['id']}"
            else:
                args, how = ["compare", r["issue"]], "query (no event holds two)"
            out = subprocess.run([binary, *args, "--json"], env=env, capture_output=True,
                                 text=True)
            print(f"=== {n}. roundup {r['id']} {r['date'][:10]}: {r['issue']}  [{how}]")
            if out.returncode != 0:
                print(f"  (no comparison: {out.stderr.strip()})\n")
                continue
            c = json.loads(out.stdout)
            texts = {}
            for col in c["outlets"]:
                print(f"--- {col['outlet_name']}")
                for a in col["articles"]:
                    print(f"  article: {a['title']}")
                naming = "; ".join(
                    f"{v['name']}: " + ", ".join(f"{f['form']}×{f['count']}" for f in v["forms"])
                    for v in col["naming"].values())
                print(f"  naming: {naming or '-'}")
                voices = "; ".join(f"{v['name']} ({v['kind']}, {v['count']})"
                                   for v in col["voices"])
                print(f"  voices: {voices or '-'}")
                t = col["tone"]
                words = ", ".join(f"{w['word']} {w['valence']:+.1f}×{w['count']}"
                                  for w in t.get("words", []))
                print(f"  tone: {t.get('score', 0):+.2f} over {t.get('word_count', 0)} words: "
                      f"{words or '-'}")
                terms = ", ".join(x["term"] for x in col.get("distinctive_terms", []))
                print(f"  distinctive: {terms or '-'}")
                for p in col["passages"]:
                    shared = ("shared with " + ", ".join(p["shared_with"])
                              if p["shared_with"] else "ONLY HERE")
                    print(f"  passage [{shared}]: {p['text']}")
                    if FRAGMENT.search(p["text"].rstrip()):
                        flags["fragments"] += 1
                        print("    ^ ends on an abbreviation")
            for side in r["news"].values():
                texts[side["newsSource"]] = " ".join(side["newBody"])
            for col in c["outlets"]:
                body = " ".join(texts.values())
                for w in col["tone"].get("words", []):
                    word = w["word"]
                    if re.search(r"(?<![.!?\"“] )\b" + re.escape(word.capitalize()) + r"\b", body) \
                            and not re.search(r"\b" + re.escape(word) + r"\b", body):
                        flags["capital tone words"] += 1
                        print(f"    ^ tone word {word!r} is only written with a capital")
            print("  roundup says: " + " ".join(r["roundup"])[:900])
            print()
    print("flags: " + ", ".join(f"{k} {v}" for k, v in flags.items()))


if __name__ == "__main__":
    main()
