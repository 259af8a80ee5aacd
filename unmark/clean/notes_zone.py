"""Footnote zone for text without a separator line (pdftotext of PDFs whose footnote rule is
a drawn line, not text): the zone starts at the page-foot line that opens the next expected
footnote (``*``, then 1, 2, 3 ...), after vertical space, when the text above carries a glued
marker with that label. The footnote sequence is the prior; nothing else is guessed.
"""
from __future__ import annotations

import regex as re

import logging

from ..extract.lines import SrcPage
from ..segment.footnotes import next_labels

log = logging.getLogger(__name__)

# a note opening at the page foot: a label alone on its line, or a label and its text (no letters)
NOTE_OPEN = re.compile(r"^(?P<label>\*{1,3}|\d{1,3}/?)(?:$|[ \t\u3000]+(?=\S)|(?=[\p{Han}“《（]))")


def _marker_before(texts: list[str], label: str) -> bool:
    rx = re.compile(r"(?<=\S)(?<![\d/\-(])(?<!\d\.)" + re.escape(label) + (r"(?!\*)" if label.startswith("*") else r"(?!\d)"))
    return any(rx.search(t) for t in texts)


def mark_unseparated_notes(pages: list[SrcPage]) -> None:
    """Assign zone 'footnote' to page-foot note blocks that have no separator line above them."""
    last: str | None = None
    for p in pages:
        zones = [ln.zone for ln in p.lines]
        if "separator" in zones or "footnote" in zones:
            labels = [m.group("label") for ln in p.lines if ln.zone == "footnote" and (m := NOTE_OPEN.match(ln.s.strip()))]
            if labels:
                last = labels[-1]
            continue
        body_idx = [i for i, ln in enumerate(p.lines) if ln.zone == "body" and ln.s.strip()]
        if len(body_idx) < 2:
            continue
        start = None
        for k, i in enumerate(body_idx):
            ln = p.lines[i]
            m = NOTE_OPEN.match(ln.s.strip())
            if not m or m.group("label") not in next_labels(last):
                continue
            if k < len(body_idx) * 0.3 or (ln.gap_before == 0 and not ln.s.strip() == m.group("label")):
                continue
            above = [p.lines[j].s for j in body_idx[:k]]
            if not _marker_before(above, m.group("label")):
                continue
            start = k
            break
        if start is None:
            continue
        seq = last
        for i in body_idx[start:]:
            ln = p.lines[i]
            ln.zone = "footnote"
            m = NOTE_OPEN.match(ln.s.strip())
            if m and m.group("label") in next_labels(seq):
                seq = m.group("label")
        last = seq
        log.debug("page %d: footnote area from line %d found by label sequence", p.number, p.lines[body_idx[start]].line)


def mark_endnotes(pages: list[SrcPage]) -> bool:
    """Notes collected at the end under a "Notes" heading: every body line after the heading
    becomes footnote area. Returns True when the document has endnotes."""
    from ..resources import load_toml

    pats = [re.compile(p, re.IGNORECASE) for p in load_toml("core/furniture.toml").get("endnotes", {}).get("headings", [])]
    lines = [ln for p in pages for ln in p.lines if ln.zone in ("body", "footnote") and ln.s.strip()]
    for i, ln in enumerate(lines):
        if ln.zone != "body" or ln.page < len(pages) / 2 or not any(rx.match(ln.s.strip()) for rx in pats):
            continue
        rest = lines[i + 1 :]
        m = NOTE_OPEN.match(rest[0].s.strip()) if rest else None
        if not m or m.group("label") not in ("1", "*", "1/"):
            continue
        ln.zone = "separator"
        for x in rest:
            x.zone = "footnote"
        log.debug("endnotes from page %d line %d", ln.page, ln.line)
        return True
    return False
