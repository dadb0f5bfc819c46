"""How often each metadata field is filled, per candidate (meta/<cand>.json)."""
import json
from pathlib import Path
ROOT = Path(__file__).resolve().parent.parent
for c in ['rs_trafilatura', 'dom_smoothie', 'readable_readability', 'readability']:
    m = json.load(open(ROOT / f'meta/{c}.json'))
    keys = sorted({k for v in m.values() for k in v})
    print(c, {k: sum(1 for v in m.values() if v.get(k) not in (None, '')) for k in keys})
