"""The review page of an Alignment: one self-contained HTML file (inline CSS and script,
no network, works from ``file://``) where a translator filters, edits, merges, splits,
marks rows reviewed and exports the corrected TMX / TSV / JSONL and a
``corrections.json`` that ``unmark align --apply`` replays (:mod:`unmark.align.review`).

The table travels as JSON inside ``<script type="application/json">``; the script
renders it a page of rows at a time, so a 10,000-row alignment opens quickly. Every
text reaches the DOM as text (escaped), and the file holds no control character
(they travel as JSON escapes), so the HTML is valid whatever the PDF contained.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Mapping, TYPE_CHECKING

from .atomic import write_text

if TYPE_CHECKING:  # type hints only: the writers sit above what they write
    from ..align.types import Alignment

RTL = {"ar", "fa", "he", "ur"}
#: the review page's data (``page_data``) and the corrections it exports: format names and version
PAGE_FORMAT = "unmark-review"
VERSION = 1
HERE = Path(__file__).resolve().parent

# characters that must not appear raw in the HTML: C0 (but tab/LF/CR kept as JSON escapes
# anyway), DEL, C1, surrogates, noncharacters U+FFFE/U+FFFF; '<' so no "</script>" can occur
_JSON_RAW = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff<>&\u2028\u2029]")
_HTML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def _text(s: object) -> str:
    """Escaped text for the static part of the page, without characters HTML forbids."""
    return html.escape(_HTML_BAD.sub("", str(s)))


def script_json(data: object) -> str:
    """JSON safe to inline in a ``<script>``: no control characters, no markup characters."""
    s = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _JSON_RAW.sub(lambda m: "\\u%04x" % ord(m.group()), s)


def page_data(al: Alignment, *, low: float, xml_langs: Mapping[str, str] | None = None,
              title: str = "", tool_version: str | None = None) -> dict:
    """Everything the review page's script needs: the table, the threshold, the TMX settings."""
    from .tmx import xml_lang

    if tool_version is None:
        from .. import __version__ as tool_version
    langs = list(al.langs)
    return {
        "format": PAGE_FORMAT,
        "version": VERSION,
        "document": al.document_hash(),
        "title": title,
        "langs": langs,
        "level": al.level,
        "low": low,
        "tool_version": str(tool_version),
        "xml_langs": {lg: xml_lang(lg, xml_langs) for lg in langs},
        "warnings": [{"code": str(w.get("code", "")), "message": str(w.get("message", ""))} for w in al.warnings],
        "rows": [{"kind": r.kind, "confidence": round(r.confidence, 3),
                  "cells": [(r.cells[lg].to_dict() if r.cells.get(lg) is not None else None) for lg in langs]}
                 for r in al.rows],
    }


def to_html(al: Alignment, low: float | None = None, title: str | None = None, *,
            xml_langs: Mapping[str, str] | None = None, name: str | None = None) -> str:
    meta = al.meta if isinstance(al.meta, dict) else {}
    thr = low if low is not None else float(meta.get("low_confidence", 0.5))
    symbols = meta.get("symbols", {}) or {}
    sym = next((s for s in symbols.values() if s), None)
    title = title or f"Alignment review{(' — ' + sym) if sym else ''}"
    xl = dict(meta.get("xml_langs") or {})
    xl.update(xml_langs or {})
    data = page_data(al, low=thr, xml_langs=xl, title=title)
    data["name"] = name or (re.sub(r"[^\w.-]+", "_", sym) if sym else "alignment")
    n_low = sum(1 for r in al.rows if r.confidence < thr)
    warn = ""
    if al.warnings:
        warn = '<ul class="warn">' + "".join(
            f"<li>{_text(w.get('code', ''))}: {_text(w.get('message', ''))}</li>" for w in al.warnings) + "</ul>"
    head = ('<tr><th class="n">#</th>' + "".join(
        f'<th class="l{k}" lang="{_text(lg.split("-")[0])}">{_text(lg)}</th>' for k, lg in enumerate(al.langs))
        + '<th class="c">conf.</th><th class="s" title="reviewed ✓ / edited ✎">✓</th></tr>')
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'unsafe-inline\'; '
        'style-src \'unsafe-inline\'; img-src data: blob:">',
        '<meta name="generator" content="unmark">',
        f"<title>{_text(title)}</title>",
        f"<style>{_asset('review_page.css')}</style>",
        '<style id="colstyle"></style>',
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_text(title)}</h1>",
        f'<p class="meta">{len(al.rows)} rows · level: {_text(al.level)} · languages: '
        f"{_text(', '.join(al.langs))} · {n_low} below confidence {thr:.2f} "
        '<span class="legend"><span style="background:#fbe3e3">flagged ⚠</span>'
        '<span style="background:#fff8dc">one side missing</span><span style="background:#e4f1ff">edited ✎</span>'
        '<span style="background:#e8f5e9">reviewed ✓</span></span></p>',
        warn,
        '<div class="bar">',
        '<fieldset aria-label="filter"><b>Show</b>'
        '<button data-filter="all" aria-pressed="true" title="1">all</button>'
        '<button data-filter="flagged" aria-pressed="false" title="2">flagged</button>'
        '<button data-filter="gaps" aria-pressed="false" title="3">1-0 / 0-1</button>'
        '<button data-filter="edited" aria-pressed="false" title="4">edited</button>'
        '<button data-filter="todo" aria-pressed="false" title="5">not reviewed</button></fieldset>',
        '<input type="search" id="q" placeholder="search text  /" aria-label="search">',
        '<fieldset><button data-act="prev" title="p">◀ flagged</button>'
        '<button data-act="next" title="n">next flagged ▶</button></fieldset>',
        '<fieldset><button data-act="pgup" title="PageUp">◀</button><span id="page"></span>'
        '<button data-act="pgdn" title="PageDown">▶</button></fieldset>',
        '<fieldset id="cols" aria-label="columns"><b>Columns</b></fieldset>',
        "</div>",
        '<div class="bar">',
        '<fieldset><button data-act="edit" title="Enter">edit</button>'
        '<button data-act="save" title="Ctrl+Enter">save</button>'
        '<button data-act="merge" title="m">merge with next</button>'
        '<button data-act="split" title="s, then Alt+S">split at cursor</button>'
        '<button data-act="review" title="r or Space">reviewed</button>'
        '<button data-act="undo" title="u">undo</button></fieldset>',
        '<fieldset><b>Export</b><button data-act="tmx">TMX</button><button data-act="tsv">TSV</button>'
        '<button data-act="jsonl">JSONL</button><button data-act="corr">corrections.json</button></fieldset>',
        '<fieldset><button data-act="help" title="?">keys</button>'
        '<button data-act="reset">discard changes</button></fieldset>',
        "</div>",
        '<div id="help"><kbd>↓</kbd>/<kbd>j</kbd> <kbd>↑</kbd>/<kbd>k</kbd> move · <kbd>n</kbd>/<kbd>p</kbd> next/previous'
        " flagged · <kbd>Enter</kbd> edit the row (<kbd>Ctrl+Enter</kbd> save, <kbd>Esc</kbd> cancel) · <kbd>s</kbd>"
        " split: click where each column splits, then <kbd>Alt+S</kbd> · <kbd>m</kbd> merge with the next row · "
        "<kbd>r</kbd>/<kbd>Space</kbd> reviewed · <kbd>u</kbd> undo · <kbd>1</kbd>–<kbd>5</kbd> filters · <kbd>/</kbd>"
        " search. Changes are kept in this browser; export <i>corrections.json</i> to keep them elsewhere and run"
        " <code>unmark align … --apply corrections.json -o out.tmx</code>.</div>",
        '<p class="meta"><span id="counts"></span> · <span id="status" role="status" aria-live="polite"></span></p>',
        "</header>",
        "<main>",
        '<noscript><p>This page needs JavaScript to show the table; the same alignment is available as '
        "TMX, TSV, XLSX and JSONL from <code>unmark align</code>.</p></noscript>",
        f'<table class="grid"><thead>{head}</thead><tbody id="rows"></tbody></table>',
        "</main>",
        f'<script type="application/json" id="unmark-data">{script_json(data)}</script>',
        f"<script>{_asset('review_page.js')}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def write_html(al: Alignment, path, low: float | None = None, title: str | None = None, *,
               xml_langs: Mapping[str, str] | None = None) -> None:
    p = Path(str(path))
    name = p.name[: -len(p.suffix)] if p.suffix else p.name
    write_text(path, to_html(al, low, title, xml_langs=xml_langs, name=name or None))
