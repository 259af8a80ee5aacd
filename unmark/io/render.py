"""A parsed document as the text of one output format (what `unmark parse` and `unmark batch` write)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type hints only
    from ..model import Document

FORMATS = ("json", "md", "txt")


def render(doc: Document, fmt: str, provenance: bool = True) -> str:
    """``doc`` as JSON (with or without provenance), Markdown or plain text."""
    if fmt == "json":
        return doc.to_json(provenance=provenance) + "\n"
    if fmt == "md":
        return doc.to_markdown()
    return doc.text()
