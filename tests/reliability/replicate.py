#!/usr/bin/env python3
"""Replicate the 37,554-article AllSides corpus to N articles (default 1,000,000), as
JSON Lines, reproducibly.

Each source article is written once as it is and then as numbered copies until N is
reached. A copy must not be identical text (digest stores identical text once), so each
copy gets a last paragraph naming the copy; its title, outlet, date, authors and the rest
of its body are the original's. The output is deterministic: same input, same N, same
bytes.

    python3 tests/reliability/replicate.py SRC_DIR OUT_DIR [N]

SRC_DIR holds the corpus's *.json files (`cargo bench --bench scale` unpacks them into
target/bench-corpus/jsons); OUT_DIR receives part-00000.jsonl … with 1,000 articles each.
"""

import json
import os
import sys


def main() -> None:
    src, out = sys.argv[1], sys.argv[2]
    total = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    names = sorted(n for n in os.listdir(src) if n.endswith(".json"))
    articles = []
    for name in names:
        with open(os.path.join(src, name), encoding="utf-8") as f:
            a = json.load(f)
        body = a.get("content_original") or a.get("content") or ""
        if not body.strip():
            continue
        articles.append(
            {
                "title": a.get("title", ""),
                "body": body,
                "outlet": a.get("source", ""),
                "date": a.get("date", ""),
                "url": a.get("url", ""),
                "authors": a.get("authors", ""),
                "id": a.get("ID", name[:-5]),
            }
        )
    os.makedirs(out, exist_ok=True)
    per_file = 1000
    written = 0
    copy = 0
    part = None
    while written < total:
        for a in articles:
            if written >= total:
                break
            if written % per_file == 0:
                if part:
                    part.close()
                part = open(
                    os.path.join(out, f"part-{written // per_file:05d}.jsonl"),
                    "w",
                    encoding="utf-8",
                )
            item = dict(a)
            del item["id"]
            if copy:
                item["body"] = (
                    a["body"] + f"\n\nReplica {copy} of article {a['id']} for the scale test."
                )
                item["url"] = f"{a['url']}#replica-{copy}"
            part.write(json.dumps(item, ensure_ascii=False) + "\n")
            written += 1
        copy += 1
    if part:
        part.close()
    print(f"{written} articles from {len(articles)} originals in {out}")


if __name__ == "__main__":
    main()
