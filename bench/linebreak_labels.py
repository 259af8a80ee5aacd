"""Line-break labels from human paragraph labels, and unmark's decisions read back from a Document.

Used by ``bench/bench_linebreaks.py`` and by the golden-case tests (``tests/text/``).

Labelling (no unmark code involved): the labelled paragraphs are reduced to their letters
(lower case, NFKC for matching only: ligatures, full-width forms) and concatenated into one
stream; every non-blank extracted line is located in that stream at the reading position
(short lines only exactly there, long lines a little further on: a skipped or reordered line
is allowed). Two consecutive located lines (lines between them that are not in any labelled
paragraph -- page furniture, footnotes -- are skipped) whose letters are contiguous in the
stream give a labelled boundary: *soft* inside one labelled paragraph, *hard* where one
labelled paragraph ends and the next begins. Anything else is unlabelled.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex as re

from unmark.evaluate import units_by_line  # noqa: F401  (re-exported for the benchmarks)

_LETTERS = re.compile(r"\p{L}+")


def letters(s: str) -> str:
    return "".join(_LETTERS.findall(unicodedata.normalize("NFKC", s).lower()))


@dataclass
class Boundary:
    a: int          # 1-based line number of the line before the break
    b: int          # 1-based line number of the line after it
    label: str      # 'soft' | 'hard'
    gap: int        # unlabelled non-blank lines skipped between a and b
    para: int       # index of the labelled paragraph of line a


def locate_lines(lines: list[str], paragraphs: list[str]) -> dict[int, tuple[int, int]]:
    """Line number (1-based) -> (start, end) of its letters in the paragraph stream."""
    stream = "".join(letters(p) for p in paragraphs)
    pos = 0
    out: dict[int, tuple[int, int]] = {}
    for n, ln in enumerate(lines, 1):
        k = letters(ln)
        if len(k) < 2:
            continue
        if len(k) >= 25:
            slack = 6000
        elif len(k) >= 10:
            slack = 200
        else:
            slack = 0
        q = stream.find(k, pos, pos + len(k) + slack)
        if q < 0:
            continue
        out[n] = (q, q + len(k))
        pos = q + len(k)
    return out


def label_boundaries(lines: list[str], paragraphs: list[str]) -> tuple[list[Boundary], int]:
    """Labelled boundaries and the number of unlabelled ones (between non-blank lines)."""
    bounds = []
    ends = []
    total = 0
    for p in paragraphs:
        total += len(letters(p))
        ends.append(total)
    import bisect

    def para_of(i: int) -> int:
        return bisect.bisect_right(ends, i)

    loc = locate_lines(lines, paragraphs)
    nonblank = [n for n, ln in enumerate(lines, 1) if ln.strip()]
    located = [n for n in nonblank if n in loc]
    out: list[Boundary] = []
    for a, b in zip(located, located[1:]):
        sa, ea = loc[a]
        sb, eb = loc[b]
        if sb != ea:
            continue
        pa_first, pa_last, pb_first = para_of(sa), para_of(ea - 1), para_of(sb)
        if pa_first != pa_last or para_of(eb - 1) != pb_first:
            continue  # a line that runs over a paragraph end: no clean label
        gap = sum(1 for n in nonblank if a < n < b)
        out.append(Boundary(a, b, "soft" if pa_last == pb_first else "hard", gap, pa_last))
    unlabelled = max(0, len(nonblank) - 1 - sum(1 for x in out if x.gap == 0))
    return out, unlabelled


def masthead_fields(doc, units: dict[int, set[str]]) -> dict[int, set[str]]:
    """The masthead read as the metadata fields unmark outputs for it. unmark keeps the masthead
    lines (``Distr.: Limited`` / ``28 November 2001`` / ``Original: English``) as one ``masthead``
    front block, so that the language versions' mastheads align, and outputs each field on its
    own in the metadata (``distribution``, ``date``, ``original_language``). Read so, each line of
    that block that holds a masthead field is a unit of its own (a line holding no field goes on
    the field of the line before). Returns a copy of ``units`` with those lines' block unit
    replaced by ``blocks[i]#field``."""
    from unmark.rules.masthead import match_masthead

    out = {n: set(u) for n, u in units.items()}
    for i, b in enumerate(doc.blocks):
        if b.type != "front" or b.role != "masthead":
            continue
        by_line: dict[int, list[str]] = {}
        for o in b.source.origins:
            if o.col >= 0:
                by_line.setdefault(o.line, []).append(b.source.text[o.offset:o.offset + o.length])
        field = None
        for n in sorted(by_line):
            m = match_masthead("".join(by_line[n]).strip(), doc.language)
            field = m[0] if m else field
            if field is not None and n in out:
                out[n].discard(f"blocks[{i}]")
                out[n].add(f"blocks[{i}]#{field}")
    return out


def predicted_soft(units: dict[int, set[str]], a: int, b: int) -> bool:
    return bool(units.get(a, set()) & units.get(b, set()))


def cell_paragraphs(lines: list[str], bounds: list[Boundary]) -> set[int]:
    """Labelled paragraphs whose labelled lines are all short (< 60% of the file's full line, the
    90th-percentile width): layout cells the human labels joined ("92nd plenary meeting" /
    "5 April 1994"), which UN practice and unmark keep as separate lines. Scored apart."""
    import unicodedata

    def width(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s.strip())

    ws = sorted(width(ln) for ln in lines if ln.strip())
    full = float(ws[int(0.9 * (len(ws) - 1))]) if ws else 80.0
    by_para: dict[int, list[int]] = {}
    for b in bounds:
        # (the line after a hard break is the next paragraph's: only the line before is this one's)
        by_para.setdefault(b.para, []).extend((b.a, b.b) if b.label == "soft" else (b.a,))
    return {p for p, ns in by_para.items() if all(width(lines[n - 1]) < 0.6 * full for n in ns)}
