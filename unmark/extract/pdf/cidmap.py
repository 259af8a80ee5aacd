"""CID -> Unicode of the Adobe CJK character collections (Adobe-GB1, -CNS1, -Japan1, -Korea1, -KR).

A composite font whose CMap is ``Identity-H``/``-V`` shows CIDs. Without a /ToUnicode map and
without an embedded program that names its glyphs, the CIDs still mean characters when the font
says (``/CIDSystemInfo``) that they are CIDs of an Adobe character collection: a non-embedded
STSong-Light, or an embedded CID-keyed CFF subset from Distiller. The tables
(``resources/pdf/cid_unicode/``) are Adobe's own Unicode CMaps inverted
(bench/producers/make_cid_unicode.py). An ``Adobe-Identity`` font has no such meaning: its CIDs
are glyph ids, and E208/W201 still name it.
"""
from __future__ import annotations

import functools

from ...errors import ResourceError
from ...resources import load_lines

COLLECTIONS = ("Adobe-GB1", "Adobe-CNS1", "Adobe-Japan1", "Adobe-Korea1", "Adobe-KR")
#: the collections PDFium maps itself when the font dictionary names them
PDFIUM_COLLECTIONS = COLLECTIONS[:4]
#: how a font read by its collection's table is described (W401), after the collection's name
TABLE_SOURCE = "CIDs (Adobe's CID -> Unicode table)"
#: the same when the collection is named by the embedded CID-keyed CFF's ROS, not the dictionary
PROGRAM_SOURCE = "CIDs named by the embedded CFF's ROS (Adobe's CID -> Unicode table)"


def read_by_collection(how: str) -> bool:
    """The font's text was read by the table of a character collection its dictionary names
    and PDFium knows (PDFium maps such CIDs itself: its text needs no second mapping)."""
    return how.endswith(TABLE_SOURCE) and how.split(" ", 1)[0] in PDFIUM_COLLECTIONS


@functools.lru_cache(maxsize=4)
def cid_unicode(collection: str) -> dict[int, str] | None:
    """CID -> character of an Adobe character collection (``"Adobe-GB1"``), read once; None for
    a collection without a table."""
    if collection not in COLLECTIONS:
        return None
    name = f"pdf/cid_unicode/{collection}.txt"
    out: dict[int, str] = {}
    for line in load_lines(name):
        try:
            parts = [int(x, 16) for x in line.split()]
            cid, cp = parts[0], parts[1]
            n = parts[2] if len(parts) > 2 else 1
            if len(parts) > 3 or n < 1:
                raise ValueError(line)
            for k in range(n):
                out[cid + k] = chr(cp + k)
        except (ValueError, IndexError, OverflowError) as exc:
            raise ResourceError(f"{name}: invalid line {line!r}", code="E602") from exc
    return out


def collection_of(desc) -> str | None:
    """``Registry-Ordering`` of a CIDFont dictionary (pypdf), e.g. ``"Adobe-GB1"``; None."""
    info = desc.get("/CIDSystemInfo")
    if info is None:
        return None
    info = info.get_object()
    reg, order = info.get("/Registry"), info.get("/Ordering")
    if reg is None or order is None:
        return None
    return f"{reg}-{order}"


__all__ = ["cid_unicode", "collection_of", "read_by_collection", "COLLECTIONS", "PDFIUM_COLLECTIONS", "TABLE_SOURCE",
           "PROGRAM_SOURCE"]
