"""Plain-text output.

One unit (front line, heading, paragraph, item, footnote) per line, labels kept, units separated
by a blank line, footnotes at the end below a ``____`` rule. Each unit line ends with a space and
headings are set off by an extra blank line: the same conventions unmark reads in Tika-style
text (a trailing space = paragraph end, a space-only line = vertical space), so that parsing the
output again gives the same units.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type hints only: the writers sit above what they write
    from ..model import Document

GAP = " "  # a space-only line: vertical space around a heading


PAGE = "\f"  # a form feed before the first unit of each new page keeps page numbers


def unit_lines(doc: Document) -> list[str]:
    out: list[str] = []
    page = 1
    for b in doc.blocks:
        first = min(b.pages) if b.pages else page
        if first > page and doc.input_kind == "text":
            out += [PAGE] * (first - page)
            page = first
        head = f"{b.label} {b.text}".strip() if b.label else b.text
        if b.type == "heading":
            out += [GAP, head, GAP]
            continue
        if b.type == "front" and out and out[-1] != GAP:
            out.append(GAP)  # front-matter units are set apart, as on the page
        if head:
            out.append(head)
        for it in b.items:
            out.append(f"{it.label} {it.text}".strip())
    return out


def to_text(doc: Document) -> str:
    lines = unit_lines(doc)
    if doc.footnotes:
        lines.append("__________________")
        lines += [f"{f.label} {f.text}" for f in doc.footnotes]
    return "".join(PAGE if ln == PAGE else (f"{GAP}\n\n" if ln == GAP else f"{ln} \n\n") for ln in lines if ln)


def to_plain(doc: Document) -> str:
    """Reading text (``--format plain``): the units of :func:`to_text`, one per paragraph separated by
    a blank line, without the markers that make ``txt`` re-parseable (form feeds, trailing spaces,
    space-only lines)."""
    lines = [ln.rstrip() for ln in unit_lines(doc) if ln not in (PAGE, GAP) and ln.strip()]
    if doc.footnotes:
        lines.append("__________________")
        lines += [f"{f.label} {f.text}".rstrip() for f in doc.footnotes]
    return "\n\n".join(lines) + ("\n" if lines else "")
