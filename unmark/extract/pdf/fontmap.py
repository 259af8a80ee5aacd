"""Unicode for composite fonts without a /ToUnicode map, from the embedded font program itself.

A Type0 font with the ``Identity-H``/``-V`` CMap and no ToUnicode shows glyph ids, not
characters; neither pypdf nor PDFium can say what they mean. But the embedded TrueType or
OpenType program often still carries its own ``cmap`` table (character -> glyph) or glyph names
in its ``post`` table (``uni6C11``, ``A``): inverted, they map each glyph back to its character.
A bare CFF program (``/FontFile3 /CIDFontType0C``) is read too: a name-keyed one (its CIDs are
glyph ids) by its glyph names (``uni6C11``, ``u2A6D6``, ``period``: the Adobe Glyph List rules);
a CID-keyed one names no glyph, but its own ROS may say which character collection its CIDs
belong to when the PDF dictionary does not.
This module builds that map (code -> text), read once per font; both backends apply it. A font
program without any of these (subsets that dropped ``cmap`` and name glyphs ``glyph00012``;
a CID-keyed CFF of ``Adobe-Identity``) is read by its CIDs when the font says they are CIDs of
an Adobe CJK character collection (:mod:`.cidmap`, also for a font that is not embedded); else
it stays unmapped, and E208/W201 name it and say what its program lacks
(:func:`unmapped_detail`).

Where one glyph stands for several characters (a CJK font maps a unified ideograph and its
compatibility or radical twin to one glyph), the character of running text wins: not a
compatibility ideograph, radical or private-use code point, then the lowest.
"""
from __future__ import annotations

import io
import logging

from ...errors import ResourceError
from .cmaps import _name, has_tounicode

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
    """(bytes, kind) of the embedded font program of a CIDFont dictionary: ``"TrueType"``
    (``FontFile2``), ``"OpenType"`` (``FontFile3`` /OpenType) or ``"CFF"`` (``FontFile3``
    /CIDFontType0C or /Type1C: a bare CFF); None when nothing is embedded (or too large)."""
    fd = desc.get("/FontDescriptor")
    if fd is None:
        return None
    fd = fd.get_object()
    for key in ("/FontFile2", "/FontFile3"):
        ref = fd.get(key)
        if ref is None:
            continue
        stream = ref.get_object()
        data = stream.get_data()
        if len(data) > MAX_FONT_BYTES:
            return None
        if key == "/FontFile2":
            return data, "TrueType"
        return data, ("OpenType" if _name(stream.get("/Subtype")) == "/OpenType" else "CFF")
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


def _name_text(name: str) -> str:
    """The text a glyph name gives by the Adobe Glyph List rules (``uni6C11``, ``u2A6D6``,
    ``period``, ``f_i``); "" for names that say nothing (``glyph12``, ``cid00012``, ``.notdef``)
    or only a private-use code point."""
    from fontTools.agl import toUnicode

    if not name or name.startswith(("glyph", "cid", ".")):
        return ""
    ch = toUnicode(name)
    return "" if not ch or any(0xE000 <= ord(c) <= 0xF8FF for c in ch) else ch


def _cmap_chars(font, gid_of: dict[str, int]) -> dict[int, str]:
    """glyph id -> character from the Unicode subtables of a cmap table; where several code points
    share a glyph, the character of running text (:func:`_rank`)."""
    best: dict[int, int] = {}
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
    return {g: chr(cp) for g, cp in best.items()}


def _glyph_chars(data: bytes) -> tuple[dict[int, str], str]:
    """glyph id -> character from the program's cmap table, completed by its glyph names (post
    table; a CFF-flavoured OpenType program's CFF charset); and which tables gave it."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    order = font.getGlyphOrder()
    gid_of = {name: i for i, name in enumerate(order)}
    used = []
    out = _cmap_chars(font, gid_of) if "cmap" in font else {}
    if out:
        used.append("cmap")
    n = len(order)
    n_post = 0
    named = "post" in font and getattr(font["post"], "formatType", 3) in (1, 2)
    cff = "CFF " in font and not _cid_keyed(font["CFF "].cff.topDictIndex[0])
    if named or cff:
        for g, name in enumerate(order):
            if g == 0 or g in out:
                continue
            ch = _name_text(name)
            if ch:
                out[g] = ch
                n_post += 1
        if n_post:
            used.append("post glyph names" if named else "CFF glyph names")
    if out:
        # a glyph neither table names (a ligature, a variant, .notdef) is not a character
        # the font can tell: U+FFFD, counted as undecodable, never the glyph id as a character
        for g in range(n):
            out.setdefault(g, "\ufffd")
    return out, " and ".join(used)


def _cid_keyed(top) -> bool:
    """A CFF top dictionary of a CID-keyed font (it has a ROS)."""
    return "ROS" in top.rawDict


def _bare_cff(data: bytes, collection: str | None) -> tuple[dict[int, str], str, str | None]:
    """A bare CFF program: (CID -> text, source, the ROS collection of a CID-keyed program).
    Name-keyed: its CIDs are glyph ids (ISO 32000-1, 9.7.4.2), each glyph's name gives its
    character (AGL rules; ``cidNNNNN`` names a CID of the dictionary's character collection).
    CID-keyed: no names; its ROS is returned."""
    from fontTools.cffLib import CFFFontSet

    cff = CFFFontSet()
    cff.decompile(io.BytesIO(data), None)
    top = cff.topDictIndex[0]
    if _cid_keyed(top):
        ros = getattr(top, "ROS", None)
        return {}, "", (f"{ros[0]}-{ros[1]}" if ros else None)
    out: dict[int, str] = {}
    table = None
    if collection:
        from .cidmap import cid_unicode

        table = cid_unicode(collection)
    for g, name in enumerate(top.charset):
        if g == 0:
            continue
        ch = _name_text(name)
        if not ch and table and name.startswith("cid") and name[3:].isdigit():
            ch = table.get(int(name[3:]), "")
        if ch:
            out[g] = ch
    if out:
        for g in range(len(top.charset)):
            out.setdefault(g, "\ufffd")
    return out, ("glyph names" if out else ""), None


def _codes(font) -> tuple[int, dict[int, int] | None] | None:
    """How the font's codes give CIDs: (code length in bytes, None) for an Identity CMap (the
    codes are the CIDs), (code length, code -> CID) for an embedded CMap stream read by
    :func:`.cmaps.embedded_cmap`; None otherwise (a predefined CMap: :mod:`.cmaps`)."""
    enc = font.get("/Encoding")
    if enc is None:
        return None
    if _name(enc) in ("/Identity-H", "/Identity-V"):
        return 2, None
    enc = enc.get_object()
    if hasattr(enc, "get_data"):
        from .cmaps import embedded_cmap

        return embedded_cmap(enc)
    return None


def code_length(font) -> int:
    """Bytes per code of a font :func:`embedded_map` maps (1 or 2)."""
    try:
        c = _codes(font)
    except Exception:  # noqa: BLE001
        return 2
    return c[0] if c else 2


def adapt_pypdf_font(f, font) -> None:
    """pypdf's decoder of a font whose codes an embedded CMap stream turns into CIDs: its codes
    cut by their length (pypdf reads such an /Encoding as a simple font's), the widths it keeps
    by CID moved to the codes that show them."""
    try:
        c = _codes(font)
        if c is None or c[1] is None:
            return
        n, cids = c
        f.encoding = "latin-1" if n == 1 else "utf-16-be"
        w = f.character_widths
        moved = {chr(code): w[chr(cid)] for code, cid in cids.items() if chr(cid) in w}
        moved["default"] = w.get("default", 1000)
        f.character_widths = moved
    except Exception as exc:  # noqa: BLE001 - the font keeps pypdf's reading
        log.debug("embedded CMap not applied: %s", exc)


def _read(font) -> tuple[dict[int, str] | None, str]:
    """(code -> text, where it was read) of a Type0 font without ToUnicode whose codes are CIDs;
    (None, what the program lacks) when nothing maps it."""
    from .cidmap import PROGRAM_SOURCE, TABLE_SOURCE, cid_unicode, collection_of

    desc = font["/DescendantFonts"][0].get_object()
    coll = collection_of(desc)
    prog = _program(desc)
    by_cid: dict[int, str] = {}
    source = ""
    ros = None
    if prog is not None:
        data, kind = prog
        if kind == "CFF":
            by_cid, source, ros = _bare_cff(data, coll)
        else:
            by_gid, source = _glyph_chars(data)
            if by_gid:
                # an OpenType program's CIDs are its glyph ids, whatever a CID-keyed CFF's charset
                # says (PDFium and poppler draw them so): only /CIDToGIDMap maps them
                c2g = _cid_to_gid(desc)
                by_cid = by_gid if c2g is None else {cid: by_gid[g] for cid, g in c2g.items() if g in by_gid}
        if by_cid:
            return by_cid, f"embedded {kind} {source}"
    # the program names no glyph (or none is embedded): the CIDs of an Adobe character
    # collection still name their characters, the one the dictionary says, else the one the
    # CID-keyed program's own ROS says
    table = cid_unicode(coll) if coll else None
    if table:
        return table, f"{coll} {TABLE_SOURCE}"
    table = cid_unicode(ros) if ros else None
    if table:
        return table, f"{ros} {PROGRAM_SOURCE}"
    if prog is None:
        return None, "not embedded"
    if prog[1] == "CFF":
        what = f"CID-keyed CFF of {ros} program without glyph names" if ros else "CFF program whose glyph names name no character"
    else:
        what = f"{prog[1]} program without a Unicode cmap or glyph names"
    return None, f"embedded {what}"


def embedded_map(font) -> tuple[dict[int, str], str] | None:
    """For a Type0 font dictionary (pypdf) with an Identity CMap and no ToUnicode whose
    embedded program maps its glyphs, or whose CIDs belong to a known character collection:
    (code -> text, a description of the source, e.g. ``"embedded TrueType cmap"``); None when
    there is nothing to read."""
    try:
        if _name(font.get("/Subtype")) != "/Type0" or has_tounicode(font):
            return None
        codes = _codes(font)
        if codes is None:
            return None
        m, how = _read(font)
        if m and codes[1] is not None:
            m = {code: m[cid] for code, cid in codes[1].items() if cid in m}
            how += " through its embedded CMap"
        return (m, how) if m else None
    except (ImportError, ResourceError):
        raise   # fonttools is a dependency: never read as "the font has no map"
    except Exception as exc:  # noqa: BLE001 - an unreadable program leaves the font unmapped
        log.debug("embedded font map unreadable: %s", exc)
        return None


def unmapped_detail(font, why: str) -> str:
    """The reason of :func:`.cmaps.unmapped_reason` with what the embedded program lacks, for
    E208/W201: ``"Identity-H, Adobe-Identity, embedded CID-keyed CFF of Adobe-Identity without
    glyph names, no ToUnicode"``."""
    if "not embedded" in why:
        return why
    detail = ""
    try:
        if _name(font.get("/Subtype")) == "/Type0":
            if _codes(font) is not None:
                m, detail = _read(font)
                detail = "" if m else detail
            else:
                enc = font.get("/Encoding")
                if enc is not None and hasattr(enc.get_object(), "get_data"):
                    detail = "embedded CMap this reader cannot use (codes of mixed lengths or a /UseCMap)"
    except (ImportError, ResourceError):
        raise
    except Exception as exc:  # noqa: BLE001 - an unreadable program is its own reason
        detail = f"embedded program unreadable ({str(exc)[:80]})"
    detail = detail.replace(" program ", " ", 1) if detail.startswith("embedded ") else "embedded program names no glyph"
    last = why.rsplit(", ", 1)
    return f"{last[0]}, {detail}, {last[1]}" if len(last) == 2 else f"{why}, {detail}"


__all__ = ["adapt_pypdf_font", "code_length", "embedded_map", "unmapped_detail"]
