"""A parsed document as the text of one output format (what `unmark parse` and `unmark batch` write)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type hints only
    from ..model import Document

FORMATS = ("json", "md", "txt")
#: `unmark parse` also writes reading text ("plain": no form feeds, no trailing spaces)
PARSE_FORMATS = FORMATS + ("plain",)


def render(doc: Document, fmt: str, provenance: bool = True) -> str:
    """``doc`` as JSON (with or without provenance), Markdown or plain text."""
    if fmt == "json":
        from ..model import json_text

        return json_text(doc.to_dict(provenance, lists=False), 1, end="\n")  # to_json + "\n", one copy
    if fmt == "md":
        return doc.to_markdown()
    if fmt == "plain":
        from .plaintext import to_plain

        return to_plain(doc)
    return doc.text()
