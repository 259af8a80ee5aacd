"""Unicode for composite fonts without a /ToUnicode map, from the embedded font program itself.

A Type0 font with the ``Identity-H``/``-V`` CMap and no ToUnicode shows glyph ids, not
characters; neither pypdf nor PDFium can say what they mean. But the embedded TrueType or
OpenType program often still carries its own ``cmap`` table (character -> glyph) or glyph names
in its ``post`` table (``uni6C11``, ``A``): inverted, they map each glyph back to its character.
This module builds that map (code -> text), read once per font; both backends apply it. A font
program without either (subsets that dropped ``cmap`` and name glyphs ``glyph00012``; bare
CID-keyed CFF) is read by its CIDs when the font says they are CIDs of an Adobe CJK character
collection (:mod:`.cidmap`, also for a font that is not embedded); else it stays unmapped, and
E208/W201 name it.

Where one glyph stands for several characters (a CJK font maps a unified ideograph and its
compatibility or radical twin to one glyph), the character of running text wins: not a
compatibility ideograph, radical or private-use code point, then the lowest.
"""
from __future__ import annotations

import io
import logging

from ...errors import ResourceError
from .cmaps import _name

log = logging.getLogger(__name__)

MAX_FONT_BYTES = 32 << 20        # a font program larger than this is not parsed for a map

# code point ranges a glyph's character is taken from only when nothing better maps to it
_SECOND_CHOICE = (
    (0x2E80, 0x2FDF),    # CJK radicals supplement, Kangxi radicals
    (0xE000, 0xF8FF),    # private use
    (0xF900, 0xFAFF),    # CJK compatibility ideographs
    (0x2F800, 0x2FA1F),  # CJK compatibility ideographs supplement
    (0xF0000, 0x10FFFF),  # supplementary private use
)


def _rank(cp: int) -> tuple[int, int]:
    return (1 if any(a <= cp <= b for a, b in _SECOND_CHOICE) else 0, cp)


def _program(desc) -> tuple[bytes, str] | None:
    """(bytes, kind) of the embedded font program of a CIDFont dictionary: TrueType
    (``FontFile2``) or OpenType (``FontFile3`` /OpenType); None otherwise."""
    fd = desc.get("/FontDescriptor")
    if fd is None:
        return None
    fd = fd.get_object()
    for key in ("/FontFile2", "/FontFile3"):
        ref = fd.get(key)
        if ref is None:
            continue
        stream = ref.get_object()
        if key == "/FontFile3" and _name(stream.get("/Subtype")) != "/OpenType":
            return None   # bare CFF (CIDFontType0C): CID-keyed, no characters to read
        data = stream.get_data()
        if len(data) > MAX_FONT_BYTES:
            return None
        return data, ("TrueType" if key == "/FontFile2" else "OpenType")
    return None


def _cid_to_gid(desc) -> dict[int, int] | None:
    """CID -> glyph id from /CIDToGIDMap (a stream of 2-byte glyph ids); None: identity."""
    m = desc.get("/CIDToGIDMap")
    if m is None:
        return None
    m = m.get_object()
    if isinstance(m, str) or not hasattr(m, "get_data"):
        return None   # /Identity
    data = m.get_data()
    return {i // 2: (data[i] << 8) | data[i + 1] for i in range(0, len(data) - 1, 2) if data[i] or data[i + 1]}


def _glyph_chars(data: bytes) -> tuple[dict[int, str], str]:
    """glyph id -> character from the program's cmap table, completed by its post glyph names;
    and which tables gave it."""
    from fontTools.agl import toUnicode
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    order = font.getGlyphOrder()
    gid_of = {name: i for i, name in enumerate(order)}
    best: dict[int, int] = {}
    used = []
    if "cmap" in font:
        for table in font["cmap"].tables:
            if not table.isUnicode():
                continue
            for cp, name in table.cmap.items():
                g = gid_of.get(name)
                if g is None or g == 0:
                    continue
                old = best.get(g)
                if old is None or _rank(cp) < _rank(old):
                    best[g] = cp
        if best:
            used.append("cmap")
    out = {g: chr(cp) for g, cp in best.items()}
    n = len(order)
    n_post = 0
    if "post" in font and getattr(font["post"], "formatType", 3) in (1, 2):
        for g, name in enumerate(order):
            if g == 0 or g in out or not name or name.startswith(("glyph", "cid", ".")):
                continue
            ch = toUnicode(name)
            if ch and not any(0xE000 <= ord(c) <= 0xF8FF for c in ch):
                out[g] = ch
                n_post += 1
        if n_post:
            used.append("post glyph names")
    if out:
        # a glyph neither table names (a ligature, a variant, .notdef) is not a character
        # the font can tell: U+FFFD, counted as undecodable, never the glyph id as a character
        for g in range(n):
            out.setdefault(g, "\ufffd")
    return out, " and ".join(used)


def embedded_map(font) -> tuple[dict[int, str], str] | None:
    """For a Type0 font dictionary (pypdf) with an Identity CMap and no ToUnicode whose
    embedded program maps its glyphs: (code -> text, a description of the source, e.g.
    ``"embedded TrueType cmap"``); None when there is nothing to read."""
    try:
        if _name(font.get("/Subtype")) != "/Type0" or "/ToUnicode" in font:
            return None
        if _name(font.get("/Encoding")) not in ("/Identity-H", "/Identity-V"):
            return None
        desc = font["/DescendantFonts"][0].get_object()
        prog = _program(desc)
        by_gid, source = _glyph_chars(prog[0]) if prog is not None else ({}, "")
        if not by_gid:
            # the program names no glyph (or none is embedded): the CIDs of an Adobe character
            # collection still name their characters
            from .cidmap import TABLE_SOURCE, cid_unicode, collection_of

            coll = collection_of(desc)
            table = cid_unicode(coll) if coll else None
            return (table, f"{coll} {TABLE_SOURCE}") if table else None
        kind = prog[1]
        c2g = _cid_to_gid(desc)
        if c2g is None:
            m = by_gid
        else:
            m = {cid: by_gid[g] for cid, g in c2g.items() if g in by_gid}
        return (m, f"embedded {kind} {source}") if m else None
    except (ImportError, ResourceError):
        raise   # fonttools is a dependency: never read as "the font has no map"
    except Exception as exc:  # noqa: BLE001 - an unreadable program leaves the font unmapped
        log.debug("embedded font map unreadable: %s", exc)
        return None


__all__ = ["embedded_map"]
