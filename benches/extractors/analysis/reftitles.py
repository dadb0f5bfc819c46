"""Reference titles: og:title, else JSON-LD headline, else first <h1>; whitespace normalised.
Also reports declared charsets. Writes titles/reference.json."""
import gzip, json, re, sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ws = lambda s: re.sub(r'\s+', ' ', s or '').strip()

class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.og = None; self.ld = []; self.h1 = None; self.charset = []
        self._in_ld = False; self._ldbuf = []; self._h1depth = 0; self._h1buf = []
    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or '') for k, v in attrs}
        if tag == 'meta':
            if a.get('property', '').lower() == 'og:title' or a.get('name', '').lower() == 'og:title':
                if self.og is None: self.og = a.get('content', '')
            if 'charset' in a: self.charset.append(a['charset'])
            m = re.search(r'charset=([\w-]+)', a.get('content', ''), re.I)
            if a.get('http-equiv', '').lower() == 'content-type' and m: self.charset.append(m.group(1))
        elif tag == 'script' and a.get('type', '').lower().strip() == 'application/ld+json':
            self._in_ld = True; self._ldbuf = []
        elif tag == 'h1' and self.h1 is None:
            self._h1depth += 1
    def handle_endtag(self, tag):
        if tag == 'script' and self._in_ld:
            self._in_ld = False; self.ld.append(''.join(self._ldbuf))
        elif tag == 'h1' and self._h1depth:
            self._h1depth = 0; self.h1 = ''.join(self._h1buf)
    def handle_data(self, d):
        if self._in_ld: self._ldbuf.append(d)
        elif self._h1depth: self._h1buf.append(d)

def headline(obj):
    if isinstance(obj, dict):
        if isinstance(obj.get('headline'), str): return obj['headline']
        for v in obj.values():
            h = headline(v)
            if h: return h
    elif isinstance(obj, list):
        for v in obj:
            h = headline(v)
            if h: return h
    return None

gt = json.load(open(ROOT / 'bench/ground-truth.json'))
ref, src = {}, {}
for pid in gt:
    raw = gzip.open(ROOT / f'bench/html/{pid}.html.gz').read()
    try: raw.decode('utf-8'); valid = True
    except UnicodeDecodeError: valid = False
    p = P(); p.feed(raw.decode('utf-8', 'replace'))
    cs = sorted({c.lower() for c in p.charset})
    if not valid or any(c not in ('utf-8', 'utf8') for c in cs):
        print(f'charset note: {pid[:12]} declared={cs} valid_utf8={valid}', file=sys.stderr)
    hl = None
    for block in p.ld:
        try: hl = headline(json.loads(block.strip().rstrip(';')))
        except Exception: continue
        if hl: break
    if p.og and ws(p.og): ref[pid], src[pid] = ws(p.og), 'og'
    elif hl and ws(hl): ref[pid], src[pid] = ws(hl), 'jsonld'
    elif p.h1 and ws(p.h1): ref[pid], src[pid] = ws(p.h1), 'h1'
    else: ref[pid], src[pid] = '', 'none'
json.dump(ref, open(ROOT / 'titles/reference.json', 'w'), indent=1, ensure_ascii=False)
from collections import Counter
print('reference sources:', Counter(src.values()))
