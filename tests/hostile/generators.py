"""Hostile inputs of every class issue 18 names, generated small at test or bench time (nothing
large is committed). Each generator writes one file and returns its path.

PDF classes (both backends): marked content nested deep (``bmc_nesting``), form XObjects drawing
each other (``form_fanout``), an operator bomb (``operator_bomb``), a decompression bomb
(``content_bomb``), a ToUnicode bomb (``tounicode_bomb``, and ``tounicode_amplifier`` under the
per-glyph limit), identical runs on one baseline
(``identical_runs``), a text object longer than PDFium returns (``long_text_object``), a huge
sparse file (``sparse_huge``: no disk used). Text classes: :func:`hostile_texts`.
"""
from __future__ import annotations

import os
import zlib
from pathlib import Path

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def build_pdf(objects: list[bytes]) -> bytes:
    """A PDF from object bodies (object k+1 is objects[k]); object 1 must be the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for k, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page(content: bytes, *, extra_objects: list[bytes] = (), xobjects: bytes = b"", compress: bool = True) -> bytes:
    """Catalog, pages, page, font, content (objects 1-5), then ``extra_objects`` (6, 7, ...)."""
    res = b"<< /Font << /F1 4 0 R >>" + (b" /XObject << " + xobjects + b" >>" if xobjects else b"") + b" >>"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources " + res + b" /Contents 5 0 R >>",
        FONT,
        stream(content, compress=compress),
        *extra_objects,
    ]
    return build_pdf(objs)


TEXT = b"BT /F1 12 Tf 72 720 Td (The General Assembly decides to include the item.) Tj ET\n"


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def ordinary(path: Path) -> Path:
    return _write(path, one_page(TEXT))


def bmc_nesting(path: Path, depth: int = 50_000) -> Path:
    return _write(path, one_page(b"/P BMC\n" * depth + TEXT + b"EMC\n" * depth))


def form_fanout(path: Path, levels: int = 12, fan: int = 4) -> Path:
    """Form k draws form k+1 ``fan`` times; the last draws text. The page draws form 0 once:
    fan ** levels text draws from a file of a few KB."""
    first = 6
    forms = []
    for k in range(levels):
        if k == levels - 1:
            body, res = TEXT, b"<< /Font << /F1 4 0 R >> >>"
        else:
            body = b"q 1 0 0 1 1 0 cm /Fx Do Q\n" * fan
            res = b"<< /XObject << /Fx %d 0 R >> >>" % (first + k + 1)
        forms.append(stream(body, b" /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources " + res))
    return _write(path, one_page(b"/Fx Do\n", extra_objects=forms, xobjects=b"/Fx %d 0 R" % first))


def operator_bomb(path: Path, ops: int = 6_000_000) -> Path:
    """One content stream of ``ops`` text operators (a few hundred KB compressed)."""
    return _write(path, one_page(b"BT /F1 1 Tf 72 720 Td\n" + b"(a)Tj\n" * ops + b"ET\n"))


def content_bomb(path: Path, mb: int = 200) -> Path:
    """A content stream that inflates to ``mb`` MB of white space around one line of text."""
    return _write(path, one_page(TEXT + b" " * (mb << 20)))


def tounicode_bomb(path: Path, chars: int = 3000, shows: int = 3000) -> Path:
    """A font whose ToUnicode map makes one glyph ``chars`` characters, shown ``shows`` times in one
    string: ``chars * shows`` characters of text from a file of about 1 KB (3,000 x 3,000: 9 million
    characters, over 2 GB in PDFium's text page)."""
    cmap = b"\n".join([b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Bomb def",
                       b"1 begincodespacerange <00> <FF> endcodespacerange",
                       b"1 beginbfchar", b"<41> <%s>" % (b"0041" * chars), b"endbfchar",
                       b"endcmap CMapName currentdict /CMap defineresource pop end end"])
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>"
    text = b"BT /F1 12 Tf 72 720 Td (" + b"A" * shows + b") Tj ET\n"
    return _write(path, one_page(text, extra_objects=[stream(cmap)]).replace(FONT, font))


def tounicode_amplifier(path: Path, chars: int = 200, shows: int = 100_000) -> Path:
    """The ToUnicode bomb kept under the per-glyph limit (200 characters a glyph, E256 does not
    fire): 20 million characters from a file of a few KB, left to the memory cap and the deadline."""
    return tounicode_bomb(path, chars=chars, shows=shows)


def identical_runs(path: Path, n: int = 20_000) -> Path:
    """``n`` identical one-word runs on one baseline, 2 pt apart."""
    body = b"BT /F1 10 Tf 10 400 Td\n" + b"(x) Tj 0.002 0 Td\n" * n + b"ET\n"
    # Td moves in text space: 0.002 * 10 pt... use a 1-unit font matrix step instead
    body = b"BT /F1 10 Tf 1 0 0 1 10 400 Tm\n" + b"".join(b"1 0 0 1 %.1f 400 Tm (x) Tj\n" % (10 + 2 * (i % 290)) for i in range(n)) + b"ET\n"
    return _write(path, one_page(body))


def long_text_object(path: Path, chars: int = 40_000) -> Path:
    """One text object longer than PDFium returns (32,767 characters)."""
    words = (b"word " * (chars // 5 + 1))[:chars]
    return _write(path, one_page(b"BT /F1 1 Tf 10 400 Td (" + words + b") Tj ET\n"))


def shared_page_text(path: Path, pages: int = 250, lines: int = 1_000) -> Path:
    """One content stream of ``lines`` lines of 100 characters (compressed to a few KB), drawn by
    every one of ``pages`` pages: 25 million characters from a 40 KB file, each page under the
    page-text cap (E257): the text the reader returns in all is capped (E258), so what the caller
    builds stays bounded."""
    line = b"The General Assembly decides to include the item in the provisional agenda of its session now."
    body = b"BT /F1 1 Tf " + b"".join(b"1 0 0 1 10 %.2f Tm (%s) Tj\n" % (780 - 0.7 * i, (b"%06d " % i + line)[:100])
                                      for i in range(lines)) + b"ET\n"
    kids = b" ".join(b"%d 0 R" % (6 + k) for k in range(pages))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< >>",  # (unused: the pages follow the font and the shared content)
        FONT,
        stream(body),
    ] + [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"] * pages
    return _write(path, build_pdf(objs))


def sparse_huge(path: Path, gb: float = 3.0) -> Path:
    """A file of ``gb`` GB that starts like a PDF and holds nothing (sparse: no disk used)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(one_page(TEXT))
        fh.truncate(int(gb * (1 << 30)))
    return path


PDF_CLASSES = {
    "ordinary": ordinary,
    "bmc_nesting": bmc_nesting,
    "form_fanout": form_fanout,
    "operator_bomb": operator_bomb,
    "content_bomb": content_bomb,
    "tounicode_bomb": tounicode_bomb,
    "tounicode_amplifier": tounicode_amplifier,
    "identical_runs": identical_runs,
    "long_text_object": long_text_object,
    "shared_page_text": shared_page_text,
    "sparse_huge": sparse_huge,
}


def hostile_texts() -> dict[str, str]:
    """Strings the API must take without a traceback."""
    return {
        "long_one_line_zh": "大会" * 200,
        "one_line_pdf_name": "x" * 300 + ".pdf",
        "nul": "1. text\x00 with a NUL\n",
        "surrogates": "1. The \ud800 Assembly \udfff decides.\n",
        "controls": "1. A\x01B\x0bC\x1fD\x7fE\x9f\ufffe\uffff.\n",
        "formula": "=HYPERLINK(\"http://example.org\",\"click me\")\n+1\n-1\n@SUM(A1)\n",
        "script": "1. <script>alert(1)</script> <img src=x onerror=alert(1)>\n",
        "bidi": "1. \u202eevil\u202c \u2066x\u2069\n",
        "only_marks": "\u0301\u0301\u0301\n",
        "huge_line": "1. " + "word " * 40_000 + "\n",
        "many_lines": "1. x\n" * 20_000,
    }
