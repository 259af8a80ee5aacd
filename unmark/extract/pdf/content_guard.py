"""What a PDF asks of the reader, measured on the file's own bytes before PDFium parses a page.

PDFium parses a page's content whole when the page is loaded, and cannot be interrupted: 50,000
nested marked-content sections in a 1.5 KB file, or a form XObject drawing another four times,
twelve levels deep, exhaust gigabytes before the first character comes back. :func:`check_content`
reads every stream of the file once (Flate streams inflated up to a cap, never whole) and refuses,
with a coded :class:`~unmark.errors.PdfError`:

- E252: marked content (``BMC``/``BDC`` ... ``EMC``) nested deeper than ``max_depth``;
- E253: a form XObject whose drawing, counted through the forms it draws, exceeds ``max_form_draws``;
- E254: a content stream with more than ``max_ops`` operators;
- E255: a content stream larger than ``max_stream_mb`` once inflated;
- E256: a ToUnicode map that makes one glyph stand for more than ``max_unicode_chars`` characters
  (a "ToUnicode bomb": a 1 KB file whose one glyph, shown a few thousand times, becomes millions
  of characters, over 200 bytes each in PDFium's text page).

Streams that are not content (fonts, images, colour profiles, metadata, cross-reference and
object streams) are skipped. Real documents are far below every limit (bench/bench_hostile.py).
"""
from __future__ import annotations

import re as _re
import zlib

import regex as re

from ...errors import PdfError
from ...limits import ContentLimits

_STREAM_KW = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_OBJ_NUM = re.compile(rb"(\d+)\s+\d+\s+$")
_SKIP = re.compile(rb"/(?:Length[123]\b|Subtype\s*/(?!Form\b)\w+|Type\s*/(?:XRef|ObjStm|Metadata|EmbeddedFile)\b|N\s+\d|"
                   rb"BitsPerComponent|FunctionType|ShadingType|PatternType)")
_FORM = re.compile(rb"/Subtype\s*/Form\b")
_FILTER = re.compile(rb"/Filter\s*(\[?)\s*/(\w+)")
_MARKS = re.compile(rb"(?<![\w/])(BMC|BDC|EMC)(?![\w])")
# letters runs: operators, plus names and words in strings (an upper bound, counted at C speed)
_OPS = _re.compile(rb"[A-Za-z'\"]+")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do(?![\w])")
_XOBJ_DICT = re.compile(rb"/XObject\s*<<(.*?)>>", re.S)
_XOBJ_REF = re.compile(rb"/XObject\s+(\d+)\s+\d+\s+R")
_RES_REF = re.compile(rb"/Resources\s+(\d+)\s+\d+\s+R")
_NAME_REF = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+(\d+)\s+\d+\s+R")


def _inflate(raw: memoryview, cap: int) -> bytes | None:
    """At most ``cap + 1`` bytes of a Flate stream (None: not inflatable)."""
    d = zlib.decompressobj()
    try:
        return d.decompress(raw, cap + 1)
    except zlib.error:
        return None


def _object_text(data: bytes, num: bytes) -> bytes:
    m = re.search(rb"(?<!\d)" + num + rb"\s+\d+\s+obj\b(.{0,8192}?)endobj", data, re.S)
    return m.group(1) if m else b""


def _xobject_names(data: bytes, head: bytes) -> dict[bytes, bytes]:
    """Name -> object number of the XObjects a form's resources list (direct or one reference away)."""
    res = head
    m = _RES_REF.search(head)
    if m:
        res = _object_text(data, m.group(1))
    m = _XOBJ_DICT.search(res)
    if m:
        return dict(_NAME_REF.findall(m.group(1)))
    m = _XOBJ_REF.search(res)
    if m:
        return dict(_NAME_REF.findall(_object_text(data, m.group(1))))
    return {}


def check_content(data: bytes, limits: ContentLimits | None = None, path: str | None = None) -> None:
    """Raise a coded :class:`PdfError` when a content stream of ``data`` is over a limit."""
    lim = limits or ContentLimits()
    cap = int(lim.max_stream_mb * 1024 * 1024)
    view = memoryview(data)
    forms: dict[bytes, tuple[list[bytes], dict[bytes, bytes]]] = {}
    pos = 0
    while True:
        m = _STREAM_KW.search(data, pos)
        if m is None:
            break
        a = data.rfind(b"obj", max(0, m.start() - 16384), m.start())
        start = m.end()
        head = data[a + 3:m.start() + 2] if a >= 0 else b""
        ln = _LENGTH.search(head)
        end = start + int(ln.group(1)) if ln else -1
        if end < 0 or data.find(b"endstream", end, end + 32) < 0:  # no direct /Length, or a wrong one
            end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        pos = max(end, start)
        if a < 0:
            continue
        n = _OBJ_NUM.search(data[max(0, a - 24):a])
        num = n.group(1) if n else b"?"
        if _SKIP.search(head):
            continue
        f = _FILTER.search(head)
        if f is None:
            body = bytes(view[start:min(end, start + cap + 1)])
        elif f.group(2) == b"FlateDecode" and not f.group(1):
            body = _inflate(view[start:end], cap)
            if body is None:
                continue
        else:
            continue  # another filter (or a chain): PDFium decodes it, the deadline and memory cap hold
        if len(body) > cap:
            raise PdfError(f"a content stream inflates to over {lim.max_stream_mb} MB", code="E255", path=path)
        _check_stream(body, lim, path)
        if _FORM.search(head):
            forms[num] = ([d for d in _DO.findall(body)], _xobject_names(data, head))
    if forms:
        _check_fanout(forms, lim, path)


def _check_cmap(body: bytes, lim: ContentLimits, path: str | None) -> None:
    """A ToUnicode CMap: no destination string longer than ``max_unicode_chars`` UTF-16 units."""
    longest = 0
    for m in _HEX.finditer(body):
        g = m.group(1)
        longest = max(longest, len(g) - sum(g.count(c) for c in b" \r\n\t"))
    if longest > 4 * lim.max_unicode_chars:
        raise PdfError(f"a ToUnicode map makes one glyph stand for {longest // 4:,} characters "
                       f"(the limit is {lim.max_unicode_chars})", code="E256", path=path)


_HEX = _re.compile(rb"<([0-9A-Fa-f \r\n\t]{64,})>")


def _check_stream(body: bytes, lim: ContentLimits, path: str | None) -> None:
    if b"begincmap" in body:
        _check_cmap(body, lim, path)
    if body.count(b"BMC") + body.count(b"BDC") > lim.max_depth:  # fewer sections cannot nest deeper
        depth = top = 0
        for mk in _MARKS.finditer(body):
            if mk.group(1) == b"EMC":
                depth = max(0, depth - 1)
            else:
                depth += 1
                if depth > top:
                    top = depth
                    if top > lim.max_depth:
                        raise PdfError(f"marked content nested over {lim.max_depth} deep", code="E252", path=path)
    if len(body) > 2 * lim.max_ops:  # an operator and its separator take two bytes at least
        n = 0
        step = 1 << 20
        for k in range(0, len(body), step):  # counted a megabyte at a time (a token cut at a border counts twice at most)
            n += len(_OPS.findall(body, k, k + step))
            if n > lim.max_ops:
                raise PdfError(f"a content stream holds over {lim.max_ops:,} operators", code="E254", path=path)


def _check_fanout(forms: dict, lim: ContentLimits, path: str | None) -> None:
    memo: dict[bytes, int] = {}
    limit = lim.max_form_draws

    def draws(num: bytes, stack: frozenset) -> int:
        if num in memo:
            return memo[num]
        if num in stack:
            return 1  # a cycle: PDFium stops it
        if len(stack) > 64:
            raise PdfError("form XObjects nested over 64 deep", code="E253", path=path)
        dos, names = forms.get(num, ([], {}))
        total = 1
        for name in dos:
            target = names.get(name)
            total += draws(target, stack | {num}) if target in forms else 1
            if total > limit:
                raise PdfError(f"form XObjects drawn over {limit:,} times through nesting", code="E253", path=path)
        memo[num] = total
        return total

    for num in forms:
        draws(num, frozenset())
