"""The intermediate form every extractor produces and every cleaner reads.

A source is a list of :class:`SrcPage`, each a list of :class:`SrcLine` in reading
order. Text extractors fill what plain text can tell (indentation in spaces, blank-line
gaps, a trailing-space hard break); the PDF extractor also fills geometry (x, size,
bold, bbox) and the positions of superscript footnote markers it saw.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import BBox, Link, MappedText

ZONES = ("body", "masthead", "furniture", "separator", "footnote", "annotation", "contents")


@dataclass(slots=True)
class SrcLine:
    page: int
    line: int
    text: MappedText
    raw: str
    indent: float = 0.0          # leading spaces (text) or x0 in points (pdf)
    gap_before: int = 0          # blank / space-only lines (text) or vertical gap in lines (pdf)
    hard_end: bool | None = None  # True/False when the source says; None when unknown
    zone: str = "body"
    page_start: bool = False     # first line of its page
    # PDF geometry (None for text input)
    size: float | None = None
    bold: bool | None = None
    bbox: BBox | None = None
    markers: list[tuple[int, str]] = field(default_factory=list)  # (offset in text, label) seen as superscript
    heading_hint: int | None = None  # level from PDF tags/fonts, if known

    @property
    def s(self) -> str:
        return self.text.text

    def stripped(self) -> str:
        return self.text.text.strip()


@dataclass
class SrcPage:
    number: int
    lines: list[SrcLine]
    links: list[Link] = field(default_factory=list)
    width: float | None = None
    height: float | None = None


@dataclass
class Extracted:
    pages: list[SrcPage]
    style: str                      # 'tika' | 'formfeed' | 'plain' | 'pdf'
    kind: str = "text"              # 'text' | 'pdf'
    backend: str | None = None
    warnings: list = field(default_factory=list)
    fixes: list = field(default_factory=list)
    metadata_hints: dict = field(default_factory=dict)  # e.g. {'symbol': ..., 'job_number': ...} from masthead/geometry
