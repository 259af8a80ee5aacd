"""The run format both PDF backends produce: glyph runs, drawn rules and link annotations
of one page, in page coordinates with the origin at the top left (y grows downwards),
in points. The layout code reads only this, so it never knows which backend ran.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Run:
    text: str
    x0: float
    y: float          # baseline, from the top of the page
    x1: float
    size: float       # font size in points (after the text and graphics matrices)
    font: str = ""
    artifact: bool = False   # inside /Artifact marked content
    bold: bool = False


@dataclass(slots=True)
class Rule:
    """A drawn horizontal line or thin filled rectangle."""

    x0: float
    y: float
    x1: float


@dataclass(slots=True)
class RawLink:
    uri: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class RawPage:
    number: int
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    links: list[RawLink] = field(default_factory=list)
    tagged: bool = False
    images: int = 0            # image XObjects drawn (for the "no text layer" check)
    undecodable: int = 0       # glyphs a font could not map to Unicode
    unmapped_fonts: dict[str, str] = field(default_factory=dict)  # font name -> why it cannot be mapped
    font_maps: dict[str, str] = field(default_factory=dict)  # font name -> where its text was read (no ToUnicode)
    truncated: int = 0         # text objects PDFium cut at 32,767 characters (pdfium backend)


def is_bold(font_name: str) -> bool:
    n = font_name.lower()
    return "bold" in n or n.endswith(",b") or "-bd" in n or "black" in n or "heavy" in n
