#!/usr/bin/env python3
"""`digest events` as a whole process on a large index: time and peak memory.

usage: benches/events_process.py INDEX CORPUS_JSONS [DIGEST_BIN]
  INDEX         an index of the AllSides corpus (e.g. target/bench-index-tui/all, built by
                `cargo bench --bench events`); it is copied, never changed
  CORPUS_JSONS  the corpus's unpacked `jsons/` (target/bench-corpus/jsons)
  DIGEST_BIN    default target/release/digest

Measures, median of 5 runs each, on a copy of INDEX in a temporary directory:
  1. `digest events` from the kept grouping (nothing changed since the last run);
  2. `digest events` grouping afresh: the kept features are read, events found again
     over the whole index (the kept grouping removed before each run), with peak RSS;
  3. `digest ingest` of 100 new articles (the first 100 of the corpus, each with a new
     first sentence, so dated all over 2012-2020), then the first `digest events` after
     it (one run each): the events are regrouped around the new articles only;
  4. the same with 100 articles dated the day after the corpus's last day, as a day's
     news arrives.
"""
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def timed(args, env):
    """Wall time, peak RSS in KiB (from /usr/bin/time) and the completed process."""
    with tempfile.NamedTemporaryFile() as rss:
        t = time.perf_counter()
        out = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *args], env=env,
                             capture_output=True, text=True)
        took = time.perf_counter() - t
        peak = int(open(rss.name).read().split()[-1])
    if out.returncode not in (0, 1):
        sys.exit(f"{args}: {out.stderr}")
    return took, peak, out


def main():
    index, corpus = sys.argv[1], sys.argv[2]
    binary = sys.argv[3] if len(sys.argv) > 3 else os.path.join(ROOT, "target/release/digest")
    with tempfile.TemporaryDirectory(prefix="digest-events-") as tmp:
        copy = os.path.join(tmp, "index")
        shutil.copytree(index, copy)
        env = dict(os.environ, DIGEST_INDEX=copy, NO_COLOR="1",
                   XDG_CONFIG_HOME=os.path.join(tmp, "config"))
        events = [binary, "events", "-n", "0"]
        timed(events, env)  # features and events computed once
        warm = statistics.median(timed(events, env)[0] for _ in range(5))
        after, peak = [], 0
        for _ in range(5):
            os.remove(os.path.join(copy, "digest-events-state.cache"))
            took, rss, _ = timed(events, env)
            after.append(took)
            peak = max(peak, rss)
        new = os.path.join(tmp, "new.jsonl")
        with open(new, "w", encoding="utf-8") as f:
            for name in sorted(os.listdir(corpus))[:100]:
                a = json.load(open(os.path.join(corpus, name), encoding="utf-8"))
                f.write(json.dumps({
                    "outlet": a["source"], "title": a["title"], "date": a["date"],
                    "text": f"An update from {name}. " + a["content_original"],
                }) + "\n")
        ingest, _, out = timed([binary, "ingest", new], env)
        update, _, _ = timed(events, env)
        # 100 more, as a day's news arrives: dated the day after the corpus's last day.
        days = []
        for name in os.listdir(corpus):
            d = json.load(open(os.path.join(corpus, name), encoding="utf-8")).get("date") or ""
            if len(d) == 10 and "2000" < d < "2021":
                days.append(d)
        last = max(days)
        nxt = (datetime.date.fromisoformat(last) + datetime.timedelta(days=1)).isoformat()
        recent = os.path.join(tmp, "recent.jsonl")
        with open(recent, "w", encoding="utf-8") as f:
            for name in sorted(os.listdir(corpus))[100:200]:
                a = json.load(open(os.path.join(corpus, name), encoding="utf-8"))
                f.write(json.dumps({
                    "outlet": a["source"], "title": a["title"], "date": nxt,
                    "text": f"News of {nxt} from {name}. " + a["content_original"],
                }) + "\n")
        ingest2, _, _ = timed([binary, "ingest", recent], env)
        update2, _, _ = timed(events, env)
        print(f"`digest events` from the cache: {warm:.3f} s (median of 5)")
        print(f"`digest events` grouping afresh: {statistics.median(after):.2f} s "
              f"(median of 5; {min(after):.2f}–{max(after):.2f}); peak RSS {peak / 1024:.0f} MiB")
        print(f"`digest ingest` of 100 new articles: {ingest:.2f} s ({out.stdout.strip().splitlines()[-1]})")
        print(f"first `digest events` after it: {update:.2f} s")
        print(f"`digest ingest` of 100 articles dated {nxt} (the day after the last): {ingest2:.2f} s")
        print(f"first `digest events` after it: {update2:.2f} s")


if __name__ == "__main__":
    main()
