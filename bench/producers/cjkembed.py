"""Embedded font programs without a /ToUnicode map, for the producer matrix (bench/producers/cjkpdf.py,
``program=``): the classes of composite fonts a reader can only read from the font program itself
or from the character collection its CIDs belong to.

    from cjkembed import KINDS, build
    prog = build(chars, "cff-names")   # a Program: the font file, its PDF dictionaries' parts, code of each char

Glyph outlines are drawn from an installed Noto Sans CJK SC (fontTools pens; the bench skips these
classes with a message when no such font is found). Each kind is a way real producers embed fonts:

- ``cff-names``: a name-keyed CFF inside a CIDFont (``/FontFile3 /CIDFontType0C``, CIDFontType0,
  Identity-H, ``Adobe-Identity``): the codes are glyph ids, the glyphs are named ``uniXXXX``,
  ``uXXXX``/``uXXXXX`` or by the Adobe Glyph List (``period``, ``one``).
- ``cff-ros``: a CID-keyed CFF whose own ROS says ``Adobe-GB1`` (the codes are Adobe-GB1 CIDs)
  while the PDF dictionary says ``Adobe-Identity``.
- ``otf-cmap``: an OpenType font (``/FontFile3 /OpenType``) with a CID-keyed CFF of
  ``Adobe-Identity`` and a (3,1) cmap (PDFium and poppler take a CID for a glyph id in an OpenType
  program, whatever its CFF charset says: the CIDs are glyph ids, as producers write them).
- ``ttf-cmap``: TrueType (``/FontFile2``, CIDFontType2) with a (3,1)/(3,10) cmap and no glyph names,
  CIDs mapped to glyph ids by a ``/CIDToGIDMap`` stream (CIDs are not glyph ids).
- ``ttf-post``: TrueType with ``post`` format 2 glyph names and no cmap, ``/CIDToGIDMap /Identity``.
- ``cmap-stream``: a name-keyed CFF as ``cff-names``, its codes turned into CIDs by an embedded
  CMap stream (``/Encoding`` a stream, not a name): 2-byte codes from ``<A1A1>`` on, in rows of 94
  as a national encoding lays them out.
- ``ttf-hostile``: ``ttf-cmap`` with CIDs that read as something else when taken for characters:
  ``。`` 0x2D and ``，`` 0xAD (a hyphen at a line end), ``、`` CR, ``：`` LF, ``的`` a space, ``国`` a
  tab, the rest right-to-left letters (U+0590-U+08FF, U+FB50-): what a reader that shows an
  unmapped code as that character reorders, joins or drops.
- ``cff-unnamed``: a CID-keyed CFF of ``Adobe-Identity`` without cmap or names: nothing tells the
  characters (E208 by construction, naming the font and why).
"""
from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("cff-names", "cff-ros", "otf-cmap", "ttf-cmap", "ttf-post", "cmap-stream", "ttf-hostile", "cff-unnamed")
#: kinds whose text can be read (every kind but the one built to be unreadable)
READABLE = KINDS[:-1]
SOURCES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
           "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc")
PS_NAME = "NotoSansCJKsc-Regular"
CID_CMAPS = "/usr/share/poppler/cMap"


@dataclass
class Program:
    kind: str
    data: bytes                       # the font file as embedded
    code: dict[str, int]              # character -> code shown (2 bytes, Identity-H)
    subtype: str                      # CIDFontType0 / CIDFontType2
    file_key: str                     # FontFile2 / FontFile3
    file_subtype: str | None          # CIDFontType0C / OpenType / None
    cid_to_gid: bytes | None = None   # a /CIDToGIDMap stream (2 bytes per CID) or None (/Identity)
    ordering: tuple[str, str, int] = ("Adobe", "Identity", 0)
    extra: dict = field(default_factory=dict)


def source_path() -> Path | None:
    for p in SOURCES:
        if Path(p).is_file():
            return Path(p)
    return None


@functools.lru_cache(maxsize=1)
def _source():
    from fontTools.ttLib.ttCollection import TTCollection

    p = source_path()
    if p is None:
        raise FileNotFoundError("no Noto Sans/Serif CJK font installed (apt-get install fonts-noto-cjk)")
    coll = TTCollection(str(p), lazy=True)
    font = next(f for f in coll.fonts if "SC" in f["name"].getDebugName(4))
    return font, font.getBestCmap(), font.getGlyphSet()


@functools.lru_cache(maxsize=1)
def _gb1() -> dict[int, int]:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_cid_unicode import read_cmap

    return read_cmap(Path(CID_CMAPS) / "Adobe-GB1" / "UniGB-UTF32-H")


def available(kind: str) -> str | None:
    """None when ``kind`` can be built here, else why not."""
    if source_path() is None:
        return "no Noto CJK font installed (fonts-noto-cjk)"
    if kind == "cff-ros" and not (Path(CID_CMAPS) / "Adobe-GB1" / "UniGB-UTF32-H").is_file():
        return "Adobe's UniGB-UTF32-H CMap not found (poppler-data)"
    return None


def encodable(chars: set[str], kind: str) -> bool:
    _, cmap, _ = _source()
    if any(ord(c) not in cmap for c in chars):
        return False
    return kind != "cff-ros" or all(ord(c) in _gb1() for c in chars)


def _name(cp: int, k: int) -> str:
    """A glyph name that gives ``cp`` by the Adobe Glyph List rules, in one of the forms producers
    write: an AGL name where one exists, else ``uniXXXX`` or ``uXXXX[XX]`` (alternating)."""
    from fontTools.agl import UV2AGL

    if cp in UV2AGL and cp < 0x3000:
        return UV2AGL[cp]
    if cp > 0xFFFF or k % 3 == 2:
        return f"u{cp:04X}"
    return f"uni{cp:04X}"


def _cff_charstrings(chars: list[str], names: list[str]):
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    _, cmap, gs = _source()
    out, widths = {}, {}
    pen = T2CharStringPen(1000, gs)
    out[".notdef"] = pen.getCharString()
    widths[".notdef"] = 1000
    for ch, name in zip(chars, names):
        g = gs[cmap[ord(ch)]]
        pen = T2CharStringPen(g.width, gs)
        g.draw(pen)
        out[name] = pen.getCharString()
        widths[name] = g.width
    return out, widths


def _cff_font(chars: list[str], names: list[str], with_cmap: bool):
    from fontTools.fontBuilder import FontBuilder

    cs, widths = _cff_charstrings(chars, names)
    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder([".notdef", *names])
    fb.setupCharacterMap({ord(c): n for c, n in zip(chars, names)} if with_cmap else {})
    fb.setupCFF(PS_NAME, {"FullName": "Noto Sans CJK SC Regular"}, cs, {})
    fb.setupHorizontalMetrics({n: (w, 0) for n, w in widths.items()})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Noto Sans CJK SC", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    return fb.font


def _to_cid_keyed(font, cids: list[int], ros: tuple[str, str, int]) -> None:
    """Make the CFF of ``font`` CID-keyed: ROS, one FDArray entry, glyph k has CID ``cids[k]``."""
    from fontTools.cffLib import FDArrayIndex, FDSelect, FontDict

    hmtx = dict(font["hmtx"].metrics)            # read before the glyphs are renamed
    cmaps = [dict(t.cmap) for t in font["cmap"].tables] if "cmap" in font else []
    cff = font["CFF "].cff
    cff.desubroutinize()
    td = cff.topDictIndex[0]
    old = list(td.charset)
    new = [".notdef" if k == 0 else f"cid{cid:05d}" for k, cid in enumerate(cids)]
    fd = FontDict()
    fd.Private = td.Private
    fd.FontName = PS_NAME
    td.FDArray = FDArrayIndex()
    td.FDArray.append(fd)
    td.FDArray.strings = cff.strings
    fd.setCFF2(False) if hasattr(fd, "setCFF2") else None
    sel = FDSelect()
    sel.format = 3
    sel.gidArray = [0] * len(old)
    td.FDSelect = sel
    td.ROS = ros
    td.CIDCount = max(cids) + 1
    td.CharStrings.fdSelect = sel
    td.CharStrings.fdArray = td.FDArray
    cs = td.CharStrings
    ren = dict(zip(old, new))
    cs.charStrings = {ren[k]: v for k, v in cs.charStrings.items()}
    td.charset = new
    for v in cs.values():
        v.private = td.Private
    del td.rawDict["Private"]
    del td.Private
    cff.fontNames = [PS_NAME]
    font.setGlyphOrder(new)
    font["hmtx"].metrics = {ren[k]: v for k, v in hmtx.items()}
    for t, m in zip(font["cmap"].tables if cmaps else [], cmaps):
        t.cmap = {cp: ren[n] for cp, n in m.items()}


def _cff_bytes(font) -> bytes:
    buf = io.BytesIO()
    font["CFF "].cff.compile(buf, font)
    return buf.getvalue()


def _otf_bytes(font) -> bytes:
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def _ttf(chars: list[str], names: list[str], with_cmap: bool, with_names: bool) -> bytes:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    _, cmap, gs = _source()
    glyphs, metrics = {}, {}
    pen = TTGlyphPen(None)
    glyphs[".notdef"] = pen.glyph()
    metrics[".notdef"] = (1000, 0)
    for ch, name in zip(chars, names):
        g = gs[cmap[ord(ch)]]
        pen = TTGlyphPen(None)
        g.draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
        metrics[name] = (g.width, 0)
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder([".notdef", *names])
    fb.setupCharacterMap({ord(c): n for c, n in zip(chars, names)} if with_cmap else {})
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics(metrics)
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Noto Sans CJK SC", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, usWinAscent=880, usWinDescent=120)
    fb.setupPost(keepGlyphNames=with_names)
    font = fb.font
    if not with_cmap:
        del font["cmap"]
    if with_cmap and len(font["cmap"].tables) == 1:   # a (3,10) table beside the (3,1) one
        from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

        sub = CmapSubtable.newSubtable(12)
        sub.platformID, sub.platEncID, sub.language = 3, 10, 0
        sub.cmap = dict(font["cmap"].tables[0].cmap)
        font["cmap"].tables.append(sub)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


@functools.lru_cache(maxsize=32)
def _build(chars: tuple[str, ...], kind: str) -> Program:
    chars = list(chars)
    names = [_name(ord(c), k) for k, c in enumerate(chars)]
    if kind in ("cff-names", "cmap-stream"):
        data = _cff_bytes(_cff_font(chars, names, False))
        prog = Program(kind, data, {c: k + 1 for k, c in enumerate(chars)}, "CIDFontType0", "FontFile3", "CIDFontType0C")
        if kind == "cmap-stream":
            cid = prog.extra["cid"] = prog.code
            prog.code = {c: ((0xA1 + k // 94) << 8) | (0xA1 + k % 94) for k, c in enumerate(chars)}
            lines = [f"<{prog.code[c]:04x}> {cid[c]}" for c in chars]
            body = "".join(f"{len(lines[i:i + 100])} begincidchar\n" + "\n".join(lines[i:i + 100]) + "\nendcidchar\n"
                           for i in range(0, len(lines), 100))
            prog.extra["cmap"] = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << "
                                  "/Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def /CMapName /UNMK-Rows-H def "
                                  "/CMapType 1 def 1 begincodespacerange <A1A1> <FEFE> endcodespacerange\n" + body +
                                  "endcmap CMapName currentdict /CMap defineresource pop end end").encode()
        return prog
    if kind in ("cff-ros", "cff-unnamed", "otf-cmap"):
        from fontTools.ttLib import TTFont

        font = TTFont(io.BytesIO(_otf_bytes(_cff_font(chars, names, kind == "otf-cmap"))))   # a parsed CFF
        if kind == "cff-ros":
            gb1 = _gb1()
            cids = [0] + [gb1[ord(c)] for c in chars]
            ros = ("Adobe", "GB1", 5)
        elif kind == "otf-cmap":
            cids = list(range(len(chars) + 1))
            ros = ("Adobe", "Identity", 0)
        else:
            # CIDs that are not glyph ids: a subset keeps the CIDs of the whole font
            cids = [0] + [100 + 7 * k for k in range(1, len(chars) + 1)]
            ros = ("Adobe", "Identity", 0)
        _to_cid_keyed(font, cids, ros)
        code = {c: cids[k + 1] for k, c in enumerate(chars)}
        if kind == "otf-cmap":
            return Program(kind, _otf_bytes(font), code, "CIDFontType0", "FontFile3", "OpenType")
        return Program(kind, _cff_bytes(font), code, "CIDFontType0", "FontFile3", "CIDFontType0C")
    if kind in ("ttf-cmap", "ttf-hostile"):
        data = _ttf(chars, names, True, False)
        # CIDs that are not glyph ids: CID 3k+5 shows glyph k+1
        code = {c: 3 * k + 5 for k, c in enumerate(chars)}
        if kind == "ttf-hostile":
            special = {"。": 0x2D, "，": 0xAD, "、": 0x0D, "：": 0x0A, "的": 0x20, "国": 0x09}
            rtl = iter([*range(0x590, 0x900), *range(0xFB50, 0xFE00)])
            code = {c: special[c] if c in special else next(rtl) for c in chars}
        c2g = bytearray(2 * (max(code.values()) + 1))
        for k, c in enumerate(chars):
            cid = code[c]
            c2g[2 * cid:2 * cid + 2] = (k + 1).to_bytes(2, "big")
        return Program(kind, data, code, "CIDFontType2", "FontFile2", None, bytes(c2g))
    if kind == "ttf-post":
        data = _ttf(chars, names, False, True)
        return Program(kind, data, {c: k + 1 for k, c in enumerate(chars)}, "CIDFontType2", "FontFile2", None)
    raise ValueError(f"unknown font program kind {kind!r}")


def build(chars, kind: str) -> Program:
    """The font program of ``kind`` for these characters (sorted; built once per set and kind)."""
    return _build(tuple(sorted(set(chars))), kind)


__all__ = ["KINDS", "READABLE", "Program", "available", "build", "encodable", "source_path"]
