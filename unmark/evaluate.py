"""Scoring a parsed :class:`~unmark.model.Document` against reference data.

- :func:`score_truth`: against an unpdf truth file (generated PDFs with known blocks, footnotes
  and markers).
- :func:`score_paragraph_list`: against a human list of paragraph texts (huridocs labels), by
  similarity after whitespace normalisation.

Used by the benchmarks in ``bench/`` and by tests; no I/O here.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

import regex as re

from .model import Document
from .scripts import HAN



def norm_ws(s: str) -> str:
    """Whitespace-normalised text for comparisons (spaces between CJK characters dropped)."""
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"(?<=[" + HAN + r"\p{P}]) (?=[" + HAN + r"\p{P}])", "", s)


def similarity(a: str, b: str) -> float:
    a, b = norm_ws(a), norm_ws(b)
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass
class TruthScore:
    paragraphs: int = 0
    paragraphs_exact: int = 0
    items: int = 0
    items_exact: int = 0
    headings: int = 0
    headings_exact: int = 0
    footnotes: int = 0
    footnotes_exact: int = 0
    markers: int = 0
    markers_placed: int = 0
    furniture_left: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def as_row(self) -> dict[str, Any]:
        def r(a: int, b: int) -> str:
            return f"{a}/{b}"

        return {
            "paragraphs": r(self.paragraphs_exact, self.paragraphs),
            "items": r(self.items_exact, self.items),
            "headings": r(self.headings_exact, self.headings),
            "footnotes": r(self.footnotes_exact, self.footnotes),
            "markers": r(self.markers_placed, self.markers),
            "furniture_left": len(self.furniture_left),
        }


def _doc_units(doc: Document):
    paras, items, heads = {}, [], []
    for b in doc.blocks:
        if b.type == "paragraph" and b.number is not None:
            paras.setdefault(b.number, b)
        if b.type == "heading":
            heads.append(b)
        for it in b.items:
            items.append(it)
    return paras, items, heads


def score_truth(doc: Document, truth: dict[str, Any]) -> TruthScore:
    s = TruthScore()
    paras, items, heads = _doc_units(doc)
    item_texts = [norm_ws(i.text) for i in items]
    head_texts = [norm_ws(h.text) for h in heads]
    tblocks = truth["blocks"]
    # marker labels per truth block index
    for i, tb in enumerate(tblocks):
        text = norm_ws(tb["text"])
        if tb["type"] == "paragraph" and tb.get("number") is not None:
            s.paragraphs += 1
            b = paras.get(tb["number"])
            if b is not None and norm_ws(b.text) == text:
                s.paragraphs_exact += 1
            else:
                s.misses.append(f"para {tb['number']}: {b.text[:80] if b else None!r} != {tb['text'][:80]!r}")
        elif tb["type"] == "item":
            s.items += 1
            if text in item_texts:
                s.items_exact += 1
            else:
                s.misses.append(f"item {tb.get('label')}: {tb['text'][:80]!r}")
        elif tb["type"] == "heading":
            s.headings += 1
            if text in head_texts:
                s.headings_exact += 1
            else:
                s.misses.append(f"heading {tb.get('label')}: {tb['text'][:60]!r}")
    notes = {f.label: f for f in doc.footnotes}
    refs = [lbl for b in doc.blocks for lbl in b.all_footnote_labels()]
    for tf in truth["footnotes"]:
        s.footnotes += 1
        f = notes.get(tf["label"])
        if f is not None and norm_ws(f.text) == norm_ws(tf["text"]):
            s.footnotes_exact += 1
        else:
            s.misses.append(f"footnote {tf['label']}: {f.text[:80] if f else None!r} != {tf['text'][:80]!r}")
        s.markers += 1
        if tf["label"] in refs:
            s.markers_placed += 1
        else:
            s.misses.append(f"marker {tf['label']} not placed")
    furniture = [truth.get("job_number"), truth.get("barcode")]
    furniture += [f.get("text") for f in truth.get("running_footer", [])]
    all_text = "\n".join(t.text for _, t in doc.iter_texts())
    for f in furniture:
        if f and norm_ws(f) in norm_ws(all_text):
            s.furniture_left.append(f)
    return s


def score_paragraph_list(doc: Document, paragraphs: list[str], threshold: float = 0.9) -> tuple[int, int, list[str]]:
    """How many reference paragraphs are found as one block (label included) with similarity >= threshold."""
    cands = []
    for b in doc.blocks:
        base = f"{b.label} {b.text}".strip() if b.label else b.text
        cands.append(base)
        for it in b.items:
            cands.append(f"{it.label} {it.text}")
        if b.items:
            cands.append(b.full_text(" "))
    for f in doc.footnotes:
        cands.append(f"{f.label} {f.text}")
    normed = [norm_ws(c) for c in cands]
    found, misses = 0, []
    for ref in paragraphs:
        r = norm_ws(ref)
        best = 0.0
        for c in normed:
            if abs(len(c) - len(r)) > max(len(r), 20) * 0.2:
                continue
            best = max(best, difflib.SequenceMatcher(None, r, c, autojunk=False).ratio())
            if best >= threshold:
                break
        if best >= threshold:
            found += 1
        else:
            misses.append(ref[:90])
    return found, len(paragraphs), misses


def _nonspace(s: str) -> int:
    return sum(1 for c in s if not c.isspace() and c != "⏎")


def unaccounted_text(text: str, doc: Document) -> list[tuple[int, int, str]]:
    """Text input lines whose characters are not all accounted for: every non-space character of
    the input must end up in a block, an item, a footnote (text or label) or a recorded fix.
    Returns ``(line, missing characters, line text)`` for each line short of characters (an empty
    list: nothing was lost silently). Labels (``3.``, ``(a)``, ``1/``) are counted on the line of
    their unit's first character or on one of the five lines above it (a label printed alone,
    maybe above a page footer)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cov: dict[int, int] = {}
    labels: dict[int, list[int]] = {}

    def add(mt, label: str | None = None) -> None:
        first = None
        for o in mt.origins:
            if o.col >= 0:
                cov[o.line] = cov.get(o.line, 0) + _nonspace(mt.text[o.offset:o.offset + o.length])
                first = o.line if first is None else first
        if label and label != "?" and first is not None:
            labels.setdefault(first, []).append(_nonspace(label))

    for b in doc.blocks:
        add(b.source, b.label)
        for it in b.items:
            add(it.source, it.label)
    for f in doc.footnotes:
        add(f.source, f.label)
    for f in doc.fixes:
        if f.line is not None:
            cov[f.line] = cov.get(f.line, 0) + _nonspace(f.before) - _nonspace(f.after)
    out = []
    for n, ln in enumerate(lines, 1):
        short = _nonspace(ln) - cov.get(n, 0)
        if short <= 0:
            continue
        for k in range(n, n + 6):
            ls = labels.get(k)
            if ls and short in ls:
                ls.remove(short)
                short = 0
                break
        if short > 0:
            out.append((n, short, ln.strip()))
    return out


def units_by_line(doc: Document) -> dict[int, set[str]]:
    """Input line number -> the output units holding characters of it (``blocks[3]``,
    ``blocks[3].items[1]``, ``footnotes[0]``): two lines share a unit when the break between them
    was read as a wrap."""
    m: dict[int, set[str]] = {}
    for loc, mt in doc.iter_texts():
        for o in mt.origins:
            if o.col >= 0:
                m.setdefault(o.line, set()).add(loc)
    return m
