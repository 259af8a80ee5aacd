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
    geom: object | None = None   # PDF: the line's geometry as the layout measured it (extract.pdf.layout.PLine)

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
    geometry: object | None = None  # PDF: what the layout measured beyond the lines (extract.pdf.layout.Geometry)


#: the per-line facts a stage may decide (each a field of :class:`SrcLine`)
LINE_FACTS = ("zone", "hard_end", "page_start", "gap_before", "heading_hint", "markers", "text")


class LineFacts:
    """The per-line facts one stage decides (zone, hard line end, page start, gap before, text), kept apart
    from the lines: the stage returns them, and the pipeline records them on the lines once,
    after the stage (:meth:`record`; ``pipeline.run_stage``). Within the stage, :meth:`zone` and
    :meth:`hard_end` read its own decisions first, so a later rule of the stage sees what an
    earlier one decided; the lines themselves do not change until the facts are recorded.
    True when the stage decided anything."""

    __slots__ = ("_facts",)

    def __init__(self) -> None:
        self._facts: dict[int, tuple[SrcLine, dict[str, object]]] = {}

    def set(self, ln: SrcLine, **facts: object) -> None:
        for name in facts:
            if name not in LINE_FACTS:
                raise ValueError(f"not a per-line fact: {name!r} (one of {', '.join(LINE_FACTS)})")
        self._facts.setdefault(id(ln), (ln, {}))[1].update(facts)

    def get(self, ln: SrcLine, name: str):
        entry = self._facts.get(id(ln))
        if entry is not None and name in entry[1]:
            return entry[1][name]
        return getattr(ln, name)

    def zone(self, ln: SrcLine) -> str:
        # (asked of every line by several stages: the same as get(ln, "zone"), inlined)
        entry = self._facts.get(id(ln)) if self._facts else None
        return entry[1].get("zone", ln.zone) if entry is not None else ln.zone  # type: ignore[return-value]

    def zones_of(self, lines: list[SrcLine]) -> list[str]:
        """:meth:`zone` of each line (one call for a page of lines)."""
        facts = self._facts
        if not facts:
            return [ln.zone for ln in lines]
        out = []
        for ln in lines:
            entry = facts.get(id(ln))
            out.append(entry[1].get("zone", ln.zone) if entry is not None else ln.zone)
        return out

    def hard_end(self, ln: SrcLine) -> bool | None:
        return self.get(ln, "hard_end")  # type: ignore[return-value]

    def merge(self, other: "LineFacts") -> "LineFacts":
        """These facts, then ``other``'s (a later decision about the same line wins)."""
        out = LineFacts()
        for src in (self, other):
            for ln, facts in src._facts.values():
                out.set(ln, **facts)
        return out

    def decided(self) -> list[tuple[SrcLine, dict[str, object]]]:
        """(line, facts) in the order the lines were first decided about."""
        return [(ln, dict(f)) for ln, f in self._facts.values()]

    def zones(self) -> dict[tuple[int, int], str]:
        """(page, line) -> the zone decided for it."""
        return {(ln.page, ln.line): f["zone"] for ln, f in self._facts.values() if "zone" in f}  # type: ignore[misc]

    def record(self) -> None:
        """Write the facts onto their lines (the pipeline does, once per stage)."""
        for ln, facts in self._facts.values():
            for name, value in facts.items():
                setattr(ln, name, value)

    def __bool__(self) -> bool:
        return bool(self._facts)

    def __len__(self) -> int:
        return len(self._facts)
