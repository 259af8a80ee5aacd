"""A self-contained side-by-side HTML review page of an Alignment.

No network resources: CSS is inline, there is no script, no font or image link.
Each cell carries ``lang`` (and ``dir="rtl"`` for Arabic); low-confidence rows and
rows with a missing side are marked by colour and by a text marker, so they stay
visible when printed in black and white.
"""
from __future__ import annotations

import html

from ..align.types import Alignment
from .atomic import write_text

RTL = {"ar", "fa", "he", "ur"}

CSS = """
body{font-family:"Noto Sans","Noto Sans CJK SC","Noto Naskh Arabic","Microsoft YaHei","Segoe UI",Arial,sans-serif;
margin:1.5em;color:#1a1a1a;background:#fff}
h1{font-size:1.3em;margin:0 0 .3em}
p.meta{color:#555;margin:.2em 0 1em}
ul.warn{background:#fff4e5;border:1px solid #e0a040;padding:.5em 1.5em}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;text-align:start;overflow-wrap:anywhere}
th{background:#eef2f7;position:sticky;top:0}
td.n,th.n{width:3.5em;text-align:right;color:#666}
td.c,th.c{width:5.5em;text-align:right}
td[dir=rtl]{text-align:right;font-size:1.05em}
td:lang(zh){font-size:1.05em;line-height:1.6}
tr.low td{background:#fbe3e3}
tr.low td.c::after{content:" \\26A0";color:#b00020}
tr.gap td{background:#fff8dc}
td.empty{color:#999;font-style:italic}
span.lab{color:#666;font-size:.85em;display:block}
.legend span{display:inline-block;padding:0 .5em;margin-right:1em;border:1px solid #ccc}
"""


def _cell(seg, lang: str) -> str:
    base = lang.split("-")[0]
    attrs = f' lang="{html.escape(base)}"'
    if base in RTL:
        attrs += ' dir="rtl"'
    if seg is None or not seg.text.strip():
        return f'<td class="empty"{attrs}>—</td>'
    lab = []
    if seg.paragraph:
        lab.append(f"¶ {seg.paragraph}")
    if seg.page is not None:
        lab.append(f"p. {seg.page}")
    label = f'<span class="lab" dir="ltr">{html.escape(" · ".join(lab))}</span>' if lab else ""
    text = html.escape(seg.text).replace("\n", "<br>")
    return f"<td{attrs}>{label}{text}</td>"


def to_html(al: Alignment, low: float | None = None, title: str | None = None) -> str:
    thr = low if low is not None else float(al.meta.get("low_confidence", 0.5) if isinstance(al.meta, dict) else 0.5)
    symbols = al.meta.get("symbols", {}) if isinstance(al.meta, dict) else {}
    sym = next((s for s in symbols.values() if s), None)
    title = title or f"Alignment review{(' — ' + sym) if sym else ''}"
    n_low = sum(1 for r in al.rows if r.confidence < thr)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="meta">{len(al.rows)} rows · level: {html.escape(al.level)} · languages: '
        f"{html.escape(', '.join(al.langs))} · {n_low} below confidence {thr:.2f}</p>",
        '<p class="legend"><span style="background:#fbe3e3">low confidence ⚠</span>'
        '<span style="background:#fff8dc">one side missing</span></p>',
    ]
    if al.warnings:
        parts.append('<ul class="warn">')
        for w in al.warnings:
            parts.append(f"<li>{html.escape(str(w.get('code', '')))}: {html.escape(str(w.get('message', '')))}</li>")
        parts.append("</ul>")
    parts.append("<table>")
    head = '<tr><th class="n">#</th>' + "".join(
        f'<th lang="{html.escape(lg.split("-")[0])}">{html.escape(lg)}</th>' for lg in al.langs
    ) + '<th class="c">conf.</th></tr>'
    parts.append(f"<thead>{head}</thead>")
    parts.append("<tbody>")
    for k, r in enumerate(al.rows):
        missing = any(r.cells.get(lg) is None or not r.cells[lg].text.strip() for lg in al.langs)
        cls = "low" if r.confidence < thr else ""
        if missing:
            cls = (cls + " gap").strip()
        cls_attr = f' class="{cls}"' if cls else ""
        cells = "".join(_cell(r.cells.get(lg), lg) for lg in al.langs)
        parts.append(
            f'<tr id="r{k + 1}"{cls_attr}><td class="n">{k + 1}</td>{cells}'
            f'<td class="c" title="{html.escape(r.kind)}">{r.confidence:.2f}</td></tr>'
        )
    parts += ["</tbody>", "</table>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def write_html(al: Alignment, path, low: float | None = None, title: str | None = None) -> None:
    write_text(path, to_html(al, low, title))
