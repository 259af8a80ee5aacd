"""Tag an untagged Word-like PDF (../shared/tools/unpdf --engine wordlike) the way Word 365
"Save as PDF" with document structure tags writes it: every text run of the body in
``/P <</MCID n>> BDC ... EMC`` marked content with a ``/P`` structure element under one
``/Document`` element (StructTreeRoot, ParentTree, /StructParents on each page), the running
header and footer as ``/Artifact <</Type /Pagination>>``, ``/MarkInfo <</Marked true>>`` and
``/Lang``. The glyphs, their placement and the fonts (Identity-H with ToUnicode, glyph by glyph
CJK) stay as the word-like engine drew them, so the variant differs from ``unpdf-wl`` only by
its tags, and from ``unpdf-lo`` (tagged LibreOffice) by its producer.

    python bench/producers/tag_wordlike.py IN.pdf OUT.pdf

Header and footer are found as unpdf's own self-check finds them: the top-most baseline of
pages 2.. within the top 15% of the page, and the bottom-most baseline (the two lowest on page
1: job number and barcode) within the bottom 15%. The truth file of IN is copied beside OUT.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path


def _zones(ops, height: float, first: bool) -> tuple[float | None, list[float]]:
    ys = sorted({round(height - float(args[5])) for args, op in ops if op == b"Tm"})
    top = ys[0] if ys and not first and ys[0] < 0.15 * height else None
    bottoms: list[float] = []
    for y in reversed(ys):
        if not bottoms or bottoms[-1] - y > 2:
            bottoms.append(y)
        if len(bottoms) == (2 if first else 1):
            break
    return top, [b for b in bottoms if b > 0.85 * height]


def tag(src: Path, dst: Path, lang: str = "zh-CN") -> int:
    """Write the tagged copy; the number of marked-content sequences with an MCID."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (ArrayObject, ContentStream, DictionaryObject, NameObject, NumberObject,
                               TextStringObject)

    w = PdfWriter(clone_from=PdfReader(str(src)))
    root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    root_ref = w._add_object(root)
    doc_elem = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document"),
                                 NameObject("/P"): root_ref})
    doc_ref = w._add_object(doc_elem)
    kids = ArrayObject()
    nums = ArrayObject()
    total = 0
    for pno, page in enumerate(w.pages):
        height = float(page.mediabox.height)
        cs = ContentStream(page.get_contents(), w)
        top, bottoms = _zones(cs.operations, height, pno == 0)
        new = []
        is_open = False
        page_elems = ArrayObject()
        for args, op in cs.operations:
            if op == b"Tm" or (op == b"ET" and is_open):
                if is_open:
                    new.append(([], b"EMC"))
                    is_open = False
            if op == b"Tm":
                y = round(height - float(args[5]))
                if (top is not None and abs(y - top) <= 2) or any(abs(y - b) <= 2 for b in bottoms):
                    new.append(([NameObject("/Artifact"), DictionaryObject({NameObject("/Type"): NameObject("/Pagination")})], b"BDC"))
                else:
                    mcid = len(page_elems)
                    elem = DictionaryObject({
                        NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/P"),
                        NameObject("/P"): doc_ref, NameObject("/Pg"): page.indirect_reference,
                        NameObject("/K"): NumberObject(mcid)})
                    ref = w._add_object(elem)
                    page_elems.append(ref)
                    kids.append(ref)
                    new.append(([NameObject("/P"), DictionaryObject({NameObject("/MCID"): NumberObject(mcid)})], b"BDC"))
                is_open = True
            new.append((args, op))
        cs.operations = new
        page.replace_contents(cs)
        page[NameObject("/StructParents")] = NumberObject(pno)
        nums += [NumberObject(pno), w._add_object(page_elems)]
        total += len(page_elems)
    doc_elem[NameObject("/K")] = kids
    root[NameObject("/K")] = doc_ref
    root[NameObject("/ParentTree")] = w._add_object(DictionaryObject({NameObject("/Nums"): nums}))
    root[NameObject("/ParentTreeNextKey")] = NumberObject(len(w.pages))
    w._root_object[NameObject("/StructTreeRoot")] = root_ref
    w._root_object[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): __import__("pypdf").generic.BooleanObject(True)})
    w._root_object[NameObject("/Lang")] = TextStringObject(lang)
    with open(dst, "wb") as fh:
        w.write(fh)
    truth = src.with_name(src.stem + ".truth.json")
    if truth.exists() and truth != dst.with_name(dst.stem + ".truth.json"):
        shutil.copy(truth, dst.with_name(dst.stem + ".truth.json"))
    return total


if __name__ == "__main__":
    n = tag(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{n} marked-content sequences")
