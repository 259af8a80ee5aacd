"""Page layout from text: furniture (headers, footers, page labels, job numbers, barcodes),
the footnote separator and zone, and hyperlink-annotation lines.

Each page's lines get a ``zone`` (decided here, recorded on the lines by the pipeline); lines
leaving the text are recorded as fixes.
Rules as data: ``resources/core/furniture.toml``, read through :mod:`unmark.rules.furniture`
(the furniture grammar the PDF layout asks too).
"""
from __future__ import annotations

from collections import Counter

import regex as re

from ..extract.lines import LineFacts, SrcLine, SrcPage
from ..model import Fix, Link
from ..rules.furniture import furniture_kind, furniture_tokens, primary_symbol, rules, token_kind


def _positions(lines: list[SrcLine]) -> list[str]:
    idx = [i for i, ln in enumerate(lines) if ln.zone not in ("annotation",)]
    pos = ["middle"] * len(lines)
    for k, i in enumerate(idx):
        if k < 3:
            pos[i] = "top"
        elif k >= len(idx) - 3:
            pos[i] = "bottom"
    return pos


def guess_doc_symbol(pages: list[SrcPage]) -> str | None:
    """The symbol printed alone at the top or bottom of pages most often (or on page 1 top)."""
    counts: Counter[str] = Counter()
    for p in pages:
        for ln, pos in zip(p.lines, _positions(p.lines)):
            if pos == "middle":
                continue
            toks = furniture_tokens(ln.s)
            syms = [t for t in toks if token_kind(t) == "symbol"]
            if syms and all(token_kind(t) is not None for t in toks):
                for s in syms:
                    counts[primary_symbol(s)] += 1 + (2 if p.number == 1 else 0)
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def _weak_furniture(text: str) -> bool:
    """Only weak furniture tokens (a date code, a language letter, a page number)."""
    toks = furniture_tokens(text)
    kinds = [token_kind(t) for t in toks]
    if not toks or len(toks) > 4 or None in kinds:
        return False
    # a bare small number may be a footnote label or a list number: only with "Page" does it count
    return not all(k in ("page_number", "dash") for k in kinds)


def _near_furniture(lines: list[SrcLine], ln: SrcLine, facts: LineFacts, reach: int = 3) -> bool:
    i = lines.index(ln)
    lo, hi = max(0, i - reach), min(len(lines), i + reach + 1)
    return any(facts.zone(x) == "furniture" or (x is not ln and furniture_kind(x.s, "bottom") is not None) for x in lines[lo:hi] if x is not ln)


_BARE_NUMBER = re.compile(r"^\s*[-–]?\s*(\d{1,4})\s*[-–]?\s*$")


def _bare_number(text: str) -> int | None:
    m = _BARE_NUMBER.match(text)
    try:
        return int(m.group(1)) if m else None
    except ValueError:  # a digit of a script newer than Python's Unicode tables (regex knows it, int() not)
        return None


def _set_apart(lines: list[SrcLine], k: int) -> bool:
    """Line k stands between blank lines (pdftotext's plain mode prints the page number where the
    page draws it, which may be in the middle of the text)."""
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    return lines[k].gap_before > 0 and (nxt is None or nxt.gap_before > 0)


def page_number_offset(pages: list[SrcPage]) -> int | None:
    """The offset between printed page numbers and physical pages, when bare numbers at the top
    or bottom of pages follow the page sequence on at least half of the pages (and two)."""
    from collections import Counter

    offsets: Counter[int] = Counter()
    for p in pages:
        seen = set()
        for ln, pos in zip(p.lines, _positions(p.lines)):
            n = _bare_number(ln.s) if pos != "middle" else None
            if n is not None and n - p.number not in seen:
                seen.add(n - p.number)
                offsets[n - p.number] += 1
    if not offsets:
        return None
    off, count = offsets.most_common(1)[0]
    return off if count >= 2 and count >= len(pages) / 2 else None


def mark_zones(pages: list[SrcPage], doc_symbol: str | None) -> tuple[list[Fix], dict[str, str], LineFacts]:
    """The zones of the lines by their place on the page: fixes (lines removed), metadata hints
    found in furniture, and the zones decided (the caller records them; the lines do not change)."""
    r = rules()
    facts = LineFacts()
    fixes: list[Fix] = []
    hints: dict[str, str] = {}
    offset = page_number_offset(pages)
    for p in pages:
        positions = _positions(p.lines)
        in_notes = False
        for k, (ln, pos) in enumerate(zip(p.lines, positions)):
            s = ln.s
            if offset is not None and facts.zone(ln) == "body" and _bare_number(s) == p.number + offset and (
                    pos != "middle" or _set_apart(p.lines, k)):
                facts.set(ln, zone="furniture")
                fixes.append(Fix("furniture.page_number", p.number, ln.line, s.strip(), ""))
                continue
            if ln.zone == "annotation":
                uri = s.strip()
                p.links.append(Link(uri if "://" in uri else "http://" + uri, p.number, ln.line, "annotation"))
                fixes.append(Fix("annotation.url", p.number, ln.line, s.strip(), "", note="hyperlink annotation line"))
                continue
            if ln.zone != "body":  # an extractor already placed it (PDF geometry)
                in_notes = in_notes or ln.zone in ("separator", "footnote")
                continue
            kind = furniture_kind(s, pos, doc_symbol)
            if kind is not None:
                facts.set(ln, zone="furniture")
                fixes.append(Fix(kind, p.number, ln.line, s.strip(), ""))
                for t in furniture_tokens(s):
                    k = token_kind(t)
                    if k == "job_number":
                        hints.setdefault("job_number", re.sub(r"\*{0,3}(?:\([A-Z]\))?$", "", t))
                    elif k == "symbol" and (doc_symbol is None or primary_symbol(t) == doc_symbol):
                        hints.setdefault("symbol", primary_symbol(t))
                    elif k == "barcode":
                        hints.setdefault("barcode", t)
                continue
            if pos != "middle" and _weak_furniture(s) and _near_furniture(p.lines, ln, facts):
                facts.set(ln, zone="furniture")
                fixes.append(Fix("furniture.footer" if pos == "bottom" else "furniture.header", p.number, ln.line, s.strip(), ""))
                continue
            if r.separator.match(s):
                facts.set(ln, zone="separator")
                in_notes = True
                fixes.append(Fix("footnote.separator", p.number, ln.line, s.strip(), ""))
                continue
            if in_notes:
                facts.set(ln, zone="footnote")
    return fixes, hints, facts
