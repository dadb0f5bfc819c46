"""Per-page F1 (4-token shingles, imported from the official evaluate.py). Usage: perpage.py CAND [N]"""
import json, sys
from pathlib import Path
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'bench'))
from evaluate import string_shingle_matching, precision_score, recall_score  # noqa
gt = json.load(open(ROOT / 'bench/ground-truth.json'))
cand = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 else 10
pred = json.load(open(ROOT / f'bench/output/{cand}.json'))
rows = []
for pid, v in gt.items():
    tp, fp, fn = string_shingle_matching(true=v['articleBody'], pred=pred[pid]['articleBody'])
    p, r = precision_score(tp, fp, fn), recall_score(tp, fp, fn)
    f = 2 * p * r / (p + r) if p + r else 0.0
    rows.append((f, p, r, pid, v['url'], len(v['articleBody']), len(pred[pid]['articleBody'])))
rows.sort()
json.dump({r[3]: r[0] for r in rows}, open(ROOT / f'analysis/perpage_{cand}.json', 'w'), indent=1)
print(f'{cand}: pages with F1<0.8: {sum(r[0] < 0.8 for r in rows)}, <0.5: {sum(r[0] < 0.5 for r in rows)}')
for f, p, r, pid, url, lt, lp in rows[:n]:
    print(f'{f:.3f} P={p:.3f} R={r:.3f} {pid[:12]} gt_chars={lt} pred_chars={lp} {url}')
