"""Data types shared by alignment (unmark.align) and terminology (unmark.terms).

An :class:`Alignment` is a table: one row per aligned unit, one column per language.
A cell holds a :class:`Segment` (the text of one side with its provenance) or None
when that language has nothing for the row (a 1-0 / 0-1 skip).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Segment:
    """Text of one language side of an aligned row, with where it came from."""

    lang: str
    text: str
    symbol: str | None = None          # document symbol of the source document
    page: int | None = None            # first source page
    paragraph: str | None = None       # paragraph number/label ("12", "12(b)", "fn 3", "heading I.")
    block_index: int | None = None     # index into Document.blocks (None for footnotes / plain text)
    sentence_index: int | None = None  # index of the (first) sentence inside the block, sentence level
    source: str | None = None          # file name

    def to_dict(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "text": self.text,
            "symbol": self.symbol,
            "page": self.page,
            "paragraph": self.paragraph,
            "block_index": self.block_index,
            "sentence_index": self.sentence_index,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class AlignedRow:
    """One row of an :class:`Alignment`: a cell per language (``None`` when that language has nothing
    here), the row's confidence in [0, 1] and its bead kind (``"1-1"``, ``"2-1"``, ``"1-0"`` …)."""

    cells: dict[str, Segment | None]
    confidence: float = 1.0
    kind: str = "1-1"                  # e.g. "1-1", "2-1", "1-0"

    def text(self, lang: str) -> str:
        seg = self.cells.get(lang)
        return seg.text if seg is not None else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "cells": {k: (v.to_dict() if v is not None else None) for k, v in self.cells.items()},
            "confidence": self.confidence,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class Alignment:
    """The result of :func:`unmark.align.align`: one row per aligned unit, a column per language.

    Attributes:
        langs: the column languages, pivot first.
        rows: the aligned rows in document order.
        level: ``"paragraph"`` or ``"sentence"``.
        warnings: recoverable problems, e.g. W301 when the documents carry different symbols.
        meta: free information about the run (files, settings).

    Export with :func:`unmark.align.export.write` (TMX, TSV, XLSX, JSONL, HTML review page).
    """

    langs: tuple[str, ...]
    rows: tuple[AlignedRow, ...]
    level: str = "paragraph"           # "paragraph" | "sentence"
    warnings: tuple[dict[str, Any], ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    def pairs(self, src: str, tgt: str, *, skip_empty: bool = True) -> list[tuple[Segment, Segment, float]]:
        """(src segment, tgt segment, confidence) for every row with both sides present."""
        out = []
        for r in self.rows:
            a, b = r.cells.get(src), r.cells.get(tgt)
            if skip_empty and (a is None or b is None or not a.text.strip() or not b.text.strip()):
                continue
            out.append((a, b, r.confidence))
        return out

    def document_hash(self) -> str:
        """A short stable hash of the alignment (a review is made on one): languages, level, and
        per row the kind, confidence and every cell's text and provenance (warnings and meta
        excluded)."""
        payload = {
            "langs": list(self.langs),
            "level": self.level,
            "rows": [[r.kind, round(r.confidence, 3), [(r.cells[lg].to_dict() if r.cells.get(lg) is not None else None)
                                                      for lg in self.langs]] for r in self.rows],
        }
        data = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    # ---- outputs (unmark.align.export / unmark.io.*)
    def write(self, path: str, fmt: str | None = None, **kw: Any) -> str:
        """Write in the format the extension names (.tmx .tsv .xlsx .jsonl .html); returns the format."""
        from .export import write

        return write(self, path, fmt, **kw)

    def to_tmx(self, path: str, xml_langs: dict[str, str] | None = None) -> None:
        from ..io.tmx import write_tmx

        write_tmx(self, path, xml_langs)

    def to_frame(self):
        """A pandas DataFrame: row, kind, confidence, low, one text column per language, provenance."""
        from ..io.sheets import to_frame

        return to_frame(self)
