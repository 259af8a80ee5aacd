"""unmark: extract, clean, segment, align and mine terminology from UN documents.

Quick use::

    import unmark
    doc = unmark.parse("CTOC_COP_WG.7_2020_2.zh.txt")
    doc.metadata.symbol, len(doc.paragraphs()), doc.to_dict()
"""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import UnmarkError  # noqa: E402
from .model import Block, Document, Fix, Footnote, Item, MappedText, Metadata  # noqa: E402
from .pipeline import ParseOptions, parse, parse_file, parse_text  # noqa: E402

__all__ = [
    "__version__",
    "parse",
    "parse_file",
    "parse_text",
    "ParseOptions",
    "Document",
    "Block",
    "Item",
    "Footnote",
    "Fix",
    "Metadata",
    "MappedText",
    "UnmarkError",
]
