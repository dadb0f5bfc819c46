"""Title agreement of each candidate with titles/reference.json.
Match = equal after whitespace normalisation, allowing a trailing ' | Site' / ' - Site' (also – — :: ·)
segment to be trimmed from either side."""
import json, re, sys, html
from pathlib import Path
ROOT = Path(__file__).resolve().parent.parent
ws = lambda s: re.sub(r'\s+', ' ', s or '').strip()
SEP = re.compile(r'\s+(?:\||-|–|—|::|·)\s+(?!.*\s(?:\||-|–|—|::|·)\s)')  # last separator

def variants(t):
    t = ws(t); out = {t}
    m = list(SEP.finditer(t))
    if m: out.add(t[:m[-1].start()].strip())
    return out

def loose(t):
    t = html.unescape(html.unescape(ws(t))).replace('\xa0', ' ')
    for a, b in (('‘', "'"), ('’', "'"), ('“', '"'), ('”', '"'), ('–', '-'), ('—', '-')):
        t = t.replace(a, b)
    return {ws(v).casefold().rstrip('.') for v in variants(t)}

ref = json.load(open(ROOT / 'titles/reference.json'))
gt = json.load(open(ROOT / 'bench/ground-truth.json'))
cands = sys.argv[1:] or ['rs_trafilatura', 'dom_smoothie', 'readable_readability', 'readability']
for c in cands:
    got = json.load(open(ROOT / f'titles/{c}.json'))
    ok = exact = lo = 0; bad = []
    for pid, r in ref.items():
        g = got.get(pid, '')
        if ws(g) == r: exact += 1
        if variants(g) & variants(r): ok += 1
        else: bad.append(pid)
        if loose(g) & loose(r): lo += 1
    print(f'{c:<24} agree {ok}/181  (exact {exact}, loose {lo})  empty {sum(1 for v in got.values() if not ws(v))}')
    with open(ROOT / f'analysis/title_disagreements_{c}.tsv', 'w') as f:
        for pid in bad:
            f.write(f"{pid[:12]}\t{gt[pid]['url']}\tREF: {ref[pid]}\tGOT: {ws(got.get(pid,''))}\n")
