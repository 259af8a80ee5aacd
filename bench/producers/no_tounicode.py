"""Make an Identity-H PDF without /ToUnicode maps from one that has them (a producer that
embeds whole-table TrueType/OpenType subsets and writes no ToUnicode, as some Word versions,
Ghostscript and older Distiller settings do).

    python bench/producers/no_tounicode.py IN.pdf OUT.pdf [--mode cmap|post|bare]

- ``cmap``: each composite font's embedded program gets the ``cmap`` table its subset dropped,
  built from the ToUnicode map it had (character -> glyph of that code; CIDToGIDMap identity);
  then the ToUnicode map is removed. The text is readable from the font program alone.
- ``post``: the same through glyph names (``post`` format 2, ``uni6C11``) instead of a cmap
  (TrueType programs only; OpenType CFF keep their names).
- ``bare``: the ToUnicode map is removed and nothing added: the codes are glyph ids, the text
  cannot be read (E208 naming the fonts).
The truth file of IN (unpdf) is copied beside OUT unchanged: the text is the same.
"""
from __future__ import annotations

import argparse
import io
import shutil
import sys
from pathlib import Path


def _tounicode(fo) -> dict[int, str]:
    """code -> text of a font's ToUnicode map (pypdf's reading of it)."""
    from pypdf.generic._font import Font

    f = Font.from_font_resource(fo)
    return {ord(k): v for k, v in f.character_map.items() if len(k) == 1 and v}


def _with_cmap(data: bytes, code_text: dict[int, str], mode: str) -> bytes:
    from fontTools.ttLib import TTFont, newTable
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    font = TTFont(io.BytesIO(data))
    order = font.getGlyphOrder()
    uni = {}
    for code, text in code_text.items():
        if code < len(order) and len(text) == 1:
            uni.setdefault(ord(text), order[code])
    if mode == "post" and "glyf" in font:
        names = list(order)
        for cp, name in uni.items():
            names[order.index(name)] = f"uni{cp:04X}" if cp <= 0xFFFF else f"u{cp:05X}"
        font.setGlyphOrder(names)
        if "post" not in font:
            post = font["post"] = newTable("post")
            post.italicAngle = post.underlinePosition = post.underlineThickness = post.isFixedPitch = 0
            post.minMemType42 = post.maxMemType42 = post.minMemType1 = post.maxMemType1 = 0
        font["post"].formatType = 2.0
        font["post"].extraNames = []
        font["post"].mapping = {}
        if "cmap" in font:
            del font["cmap"]
    else:
        cmap = newTable("cmap")
        cmap.tableVersion = 0
        cmap.tables = []
        for fmt, pid, eid in ((4, 3, 1), (12, 3, 10)):
            sub = CmapSubtable.newSubtable(fmt)
            sub.platformID, sub.platEncID, sub.language = pid, eid, 0
            sub.cmap = {cp: n for cp, n in uni.items() if fmt == 12 or cp <= 0xFFFF}
            cmap.tables.append(sub)
        font["cmap"] = cmap
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def strip(src: Path, dst: Path, mode: str = "cmap") -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    w = PdfWriter(clone_from=PdfReader(str(src)))
    done: set = set()
    for page in w.pages:
        fonts = page["/Resources"].get_object().get("/Font")
        for ref in (fonts.get_object().values() if fonts is not None else []):
            fo = ref.get_object()
            if id(fo) in done or fo.get("/Subtype") != "/Type0" or "/ToUnicode" not in fo:
                continue
            done.add(id(fo))
            if mode != "bare":
                desc = fo["/DescendantFonts"][0].get_object()
                fd = desc["/FontDescriptor"].get_object()
                key = "/FontFile2" if "/FontFile2" in fd else "/FontFile3"
                stream = fd[key].get_object()
                if key == "/FontFile2" or stream.get("/Subtype") == "/OpenType":
                    stream.set_data(_with_cmap(stream.get_data(), _tounicode(fo), mode))
            del fo[NameObject("/ToUnicode")]
    with open(dst, "wb") as fh:
        w.write(fh)
    truth = src.with_name(src.stem + ".truth.json")
    if truth.exists():
        shutil.copy(truth, dst.with_name(dst.stem + ".truth.json"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--mode", choices=("cmap", "post", "bare"), default="cmap")
    a = ap.parse_args(argv)
    strip(Path(a.src), Path(a.dst), a.mode)
    return 0


if __name__ == "__main__":
    sys.exit(main())
