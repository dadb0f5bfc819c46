#!/usr/bin/env python3
"""Turns a terminal screen captured with colours (`tmux capture-pane -e -p`) into an SVG.

usage: ansi2svg.py COLUMNS ROWS < capture.txt > screen.svg

Understands the SGR sequences tmux writes: reset, bold, dim, italic, underline, reverse,
and foreground/background colours (the 8/16 basic ones, 256-colour and 24-bit). Each
cell is placed on a fixed grid, wide characters taking two cells, so box drawing lines up
whatever font the viewer picks.
"""
import html
import re
import sys
import unicodedata

CELL_W, CELL_H, FONT = 8.4, 18, 14
DEFAULT_FG, DEFAULT_BG = "#d0d0d0", "#1c1c1c"
BASIC = ["#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
         "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff"]


def color256(n):
    if n < 16:
        return BASIC[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (v, v, v)


def apply_sgr(params, st):
    ps = [int(p) if p else 0 for p in params.split(";")] if params else [0]
    i = 0
    while i < len(ps):
        p = ps[i]
        if p == 0:
            st.update(fg=None, bg=None, bold=False, dim=False, italic=False, under=False, rev=False)
        elif p == 1: st["bold"] = True
        elif p == 2: st["dim"] = True
        elif p == 3: st["italic"] = True
        elif p == 4: st["under"] = True
        elif p == 7: st["rev"] = True
        elif p == 22: st.update(bold=False, dim=False)
        elif p == 23: st["italic"] = False
        elif p == 24: st["under"] = False
        elif p == 27: st["rev"] = False
        elif 30 <= p <= 37: st["fg"] = BASIC[p - 30]
        elif 90 <= p <= 97: st["fg"] = BASIC[p - 90 + 8]
        elif 40 <= p <= 47: st["bg"] = BASIC[p - 40]
        elif 100 <= p <= 107: st["bg"] = BASIC[p - 100 + 8]
        elif p == 39: st["fg"] = None
        elif p == 49: st["bg"] = None
        elif p in (38, 48) and i + 1 < len(ps):
            key = "fg" if p == 38 else "bg"
            if ps[i + 1] == 5 and i + 2 < len(ps):
                st[key] = color256(ps[i + 2]); i += 2
            elif ps[i + 1] == 2 and i + 4 < len(ps):
                st[key] = "#%02x%02x%02x" % tuple(ps[i + 2:i + 5]); i += 4
        i += 1


def cells(line, st):
    """The line's characters with the style each is drawn in."""
    out = []
    for m in re.finditer(r"\x1b\[([0-9;]*)m|\x1b\[[0-9;?]*[A-Za-z]|(.)", line):
        if m.group(2) is None:
            if m.group(0).endswith("m"):
                apply_sgr(m.group(1), st)
            continue
        ch = m.group(2)
        width = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if unicodedata.combining(ch):
            continue
        out.append((ch, dict(st), width))
    return out


def main():
    cols, rows = int(sys.argv[1]), int(sys.argv[2])
    lines = sys.stdin.read().split("\n")[:rows]
    w, h = cols * CELL_W, rows * CELL_H
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0f}" height="{h}" '
           f'viewBox="0 0 {w:.0f} {h}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" '
           f'font-size="{FONT}">',
           f'<rect width="100%" height="100%" fill="{DEFAULT_BG}"/>']
    st = dict(fg=None, bg=None, bold=False, dim=False, italic=False, under=False, rev=False)
    for y, line in enumerate(lines):
        x = 0
        runs = []  # [style key, start x, [(x, ch)]] for text; bg spans alike
        bgs = []
        for ch, s, width in cells(line, st):
            fg, bg = s["fg"] or DEFAULT_FG, s["bg"]
            if s["rev"]:
                fg, bg = bg or DEFAULT_BG, fg
            if bg:
                if bgs and bgs[-1][0] == bg and bgs[-1][2] == x:
                    bgs[-1][2] = x + width
                else:
                    bgs.append([bg, x, x + width])
            if ch != " ":
                key = (fg, s["bold"], s["dim"], s["italic"], s["under"])
                if runs and runs[-1][0] == key:
                    runs[-1][1].append((x, ch))
                else:
                    runs.append([key, [(x, ch)]])
            x += width
        for bg, a, b in bgs:
            svg.append(f'<rect x="{a * CELL_W:.1f}" y="{y * CELL_H}" width="{(b - a) * CELL_W:.1f}" '
                       f'height="{CELL_H}" fill="{bg}"/>')
        for (fg, bold, dim, italic, under), chars in runs:
            attrs = [f'fill="{fg}"']
            if bold: attrs.append('font-weight="bold"')
            if dim: attrs.append('opacity="0.6"')
            if italic: attrs.append('font-style="italic"')
            if under: attrs.append('text-decoration="underline"')
            xs = " ".join(f"{cx * CELL_W:.1f}" for cx, _ in chars)
            text = html.escape("".join(ch for _, ch in chars))
            svg.append(f'<text xml:space="preserve" x="{xs}" y="{y * CELL_H + CELL_H - 5}" '
                       f'{" ".join(attrs)}>{text}</text>')
    svg.append("</svg>")
    sys.stdout.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main()
