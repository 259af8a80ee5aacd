"""pypdfium2 backend (optional, ``--backend pdfium``; the ``pdfium`` extra).

Walks the page objects through the raw PDFium API: each text object (one ``Tj``/``TJ``)
becomes a run with its text (from the text page), origin, bounds, font size (times the
object matrix), font name and whether it sits in ``/Artifact`` marked content; thin wide
path objects become rules; link annotations come from ``FPDFLink_Enumerate``. Same run
format as the pypdf backend. Imported lazily: without pypdfium2 the caller gets E201.
"""
from __future__ import annotations

import ctypes
import io
import functools
import logging
import re
import struct
import time
import unicodedata

import regex
from collections.abc import Collection
from itertools import compress, islice, repeat
from operator import is_, ne
from pathlib import Path

from .cidmap import read_by_collection
from .cmaps import has_tounicode, pdfium_map, unmapped_reason
from .fontmap import code_length, embedded_map, unmapped_detail
from .tounicode import with_tounicode
from ...errors import PdfError
from ...limits import PDFIUM_TEXT_OBJECT_MAX
from ...scripts import RTL_CHAR as _RTL
from .layout import _is_cjk
from .rounding import round2
from ...scripts import CJK_PUNCTUATION, FULLWIDTH_FORMS, HAN, HANGUL, KANA
from .runs import RawLink, RawPage, Rule, Run, is_bold

_bold = functools.lru_cache(maxsize=512)(is_bold)

log = logging.getLogger(__name__)

TEXT, PATH, IMAGE, SHADING, FORM = 1, 2, 3, 4, 5


class _Timeout(Exception):
    pass


def _lib():
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as c
    except ImportError as exc:
        raise PdfError("the pdfium backend needs pypdfium2: pip install 'unmark-undocs[pdfium]'", code="E201") from exc
    return pdfium, c


_ERR_PASSWORD, _ERR_SECURITY = 4, 6   # FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY


class _Document:
    """A PDFium document opened from the file's bytes, which it keeps alive (PDFium reads them
    lazily) and which the font check reads too."""

    __slots__ = ("c", "data", "raw")

    def __init__(self, c, raw, data: bytes):
        self.c, self.raw, self.data = c, raw, data

    def close(self) -> None:
        if self.raw:
            self.c.FPDF_CloseDocument(self.raw)
            self.raw = None


def open_reader(path, password: str = ""):
    """(document, page count) or a coded :class:`PdfError`: E202 encrypted, E203 corrupt or
    truncated, E205 zero pages. PDFium's own error code tells a password from a broken file only
    when it refuses the file; a file it opens without pages is classified by pypdf."""
    _, c = _lib()
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PdfError(f"corrupt or truncated PDF: {exc}", code="E203", path=str(path)) from exc
    pw = (password + "\0").encode("utf-8") if password else None
    raw = c.FPDF_LoadMemDocument64(data, len(data), pw)
    n = c.FPDF_GetPageCount(raw) if raw else 0
    if raw and n > 0:
        return _Document(c, raw, data), n
    if raw:
        c.FPDF_CloseDocument(raw)
    elif c.FPDF_GetLastError() in (_ERR_PASSWORD, _ERR_SECURITY):
        raise PdfError("encrypted PDF: the empty password does not open it", code="E202", path=str(path))
    # PDFium refuses some files pypdf can classify (a zero-page tree, odd encryption):
    # let pypdf name the problem, else report the file as corrupt
    from .backend_pypdf import open_reader as pypdf_open

    _, n = pypdf_open(path)
    if n == 0:
        raise PdfError("the PDF has zero pages", code="E205", path=str(path))
    raise PdfError("corrupt or truncated PDF: PDFium cannot read it", code="E203", path=str(path))


def close(doc) -> None:
    try:
        doc.close()
    except Exception:  # noqa: BLE001
        pass


_ARTIFACT = "Artifact".encode("utf-16-le")
_ARTIFACT_LEN = len(_ARTIFACT)


@functools.lru_cache(maxsize=1)
def _int_functions(c) -> dict:
    """The per-character and per-object calls with plain integer handles and addresses: no
    argument conversion of ctypes pointer objects, no casts (the hot path of this backend).
    Made once a process."""
    vp, ci = ctypes.c_void_p, ctypes.c_int

    def fn(name, restype, *args):
        # PYFUNCTYPE: called holding the GIL; these calls are short and many (a release and
        # re-acquire of the GIL around each cost more than the call itself)
        return ctypes.PYFUNCTYPE(restype, *args)(ctypes.cast(getattr(c, name), vp).value)

    return {
        "get_obj_int": fn("FPDFText_GetTextObject", vp, vp, ci),
        "f_matrix": fn("FPDFPageObj_GetMatrix", ci, vp, vp),
        "f_font_size": fn("FPDFTextObj_GetFontSize", ci, vp, vp),
        "f_bounds": fn("FPDFPageObj_GetBounds", ci, vp, vp, vp, vp, vp),
        "f_font": fn("FPDFTextObj_GetFont", vp, vp),
        "f_base_font_name": fn("FPDFFont_GetBaseFontName", ctypes.c_size_t, vp, vp, ctypes.c_size_t),
        "f_count_marks": fn("FPDFPageObj_CountMarks", ci, vp),
        "f_page_count": fn("FPDFPage_CountObjects", ci, vp),
        "f_page_obj": fn("FPDFPage_GetObject", vp, vp, ci),
        "f_form_count": fn("FPDFFormObj_CountObjects", ci, vp),
        "f_form_obj": fn("FPDFFormObj_GetObject", vp, vp, ctypes.c_ulong),
        "f_type": fn("FPDFPageObj_GetType", ci, vp),
        "f_get_mark": fn("FPDFPageObj_GetMark", vp, vp, ctypes.c_ulong),
        "f_mark_name": fn("FPDFPageObjMark_GetName", ci, vp, vp, ctypes.c_ulong, vp),
        "f_loose_box": fn("FPDFText_GetLooseCharBox", ci, vp, ci, vp),
        "f_char_origin": fn("FPDFText_GetCharOrigin", ci, vp, ci, vp, vp),
        "is_generated": fn("FPDFText_IsGenerated", ci, vp, ci),
        "get_unicode": fn("FPDFText_GetUnicode", ctypes.c_uint, vp, ci),
        "count_chars": fn("FPDFText_CountChars", ci, vp),
        "get_text": fn("FPDFText_GetText", ci, vp, ci, ci, vp),
    }


class _Api:
    """Buffers and bound functions reused across objects."""

    def __init__(self, c):
        self.c = c
        self.buf_len = 4096
        self._set_buf(4096)
        self.ul = ctypes.c_ulong()
        self.font_names: dict[int, str] = {}
        self.artifact_marks: dict[int, bool] = {}   # mark handle -> is /Artifact (cleared per page)
        self.__dict__.update(_int_functions(c))
        # matrix (6 floats), font size, bounds (left, bottom, right, top) side by side: one
        # unpack reads them all
        self.floats = (ctypes.c_float * 11)()
        base = ctypes.addressof(self.floats)
        self.a_m, self.a_fs = base, base + 24
        self.a_lbrt = tuple(base + 28 + 4 * k for k in range(4))
        self.unpack = struct.Struct("11f").unpack_from
        self.a_ul = ctypes.addressof(self.ul)
        # meta(obj, height): (x0, baseline, x1, size, font name, artifact, bold) of a text object
        # given by its handle as an integer; None for rotated or mirrored text
        self.meta = self._meta_fn()

    def _set_buf(self, n: int) -> None:
        self.buf_len = n
        self.buf = ctypes.create_string_buffer(n)
        self.vbuf = ctypes.cast(self.buf, ctypes.c_void_p)
        self.a_buf = ctypes.addressof(self.buf)

    def _meta_fn(self):
        """:meth:`meta` as a closure over the bound C functions and buffers (it is called once
        for every text object: no attribute look-ups there); fonts by handle: (name, bold)."""
        f_matrix, f_font_size, f_bounds, f_font = self.f_matrix, self.f_font_size, self.f_bounds, self.f_font
        a_m, a_fs = self.a_m, self.a_fs
        al, ab, ar, at = self.a_lbrt
        unpack, floats = self.unpack, self.floats
        count_marks, marked, font_name_of = self.f_count_marks, self._marked_artifact, self._font_name_of
        fonts: dict = {}

        def meta(obj: int, height: float):
            f_matrix(obj, a_m)
            f_font_size(obj, a_fs)
            f_bounds(obj, al, ab, ar, at)
            a, b, cc, d, e, f, fs, l, _, r, _ = unpack(floats)
            if abs(b) > 1e-3 or abs(cc) > 1e-3 or a <= 0 or d <= 0:
                return None  # rotated text is not part of the reading flow
            # x0 from the pen origin, not the ink box: gaps then mean what they mean in pypdf
            x0 = e if l - 2 * fs * d < e < r else l
            font = f_font(obj)
            nb = fonts.get(font)
            if nb is None:
                name = font_name_of(font)
                nb = fonts[font] = (name, _bold(name))
            k = count_marks(obj)
            return x0, height - f, r, round2(fs * d), nb[0], k > 0 and marked(obj, k), nb[1]

        return meta

    def _font_name_of(self, f) -> str:
        if not f:
            return ""
        name = self.font_names.get(f)
        if name is None:
            n = self.f_base_font_name(f, self.a_buf, self.buf_len)
            name = self.buf.raw[: max(n - 1, 0)].decode("latin-1", "replace") if n else ""
            self.font_names[f] = name
        return name

    def _marked_artifact(self, obj: int, k: int) -> bool:
        """One of the object's ``k`` marks is ``/Artifact``."""
        seen = self.artifact_marks
        for i in range(k):
            mk = self.f_get_mark(obj, i)
            if not mk:
                continue
            art = seen.get(mk)
            if art is None:
                # a mark (one BDC ... EMC) is shared by the objects inside it: its name is read once a page
                art = False
                if self.f_mark_name(mk, self.a_buf, self.buf_len, self.a_ul):
                    n = self.ul.value
                    art = n >= 2 and n - 2 == _ARTIFACT_LEN and ctypes.string_at(self.a_buf, n - 2) == _ARTIFACT
                seen[mk] = art
            if art:
                return True
        return False

    def bounds(self, obj: int):
        """(left, bottom, right, top) of an object given by its handle as an integer."""
        al, ab, ar, at = self.a_lbrt
        self.f_bounds(obj, al, ab, ar, at)
        return self.unpack(self.floats)[7:]

    def matrix(self, obj: int):
        self.f_matrix(obj, self.a_m)
        return self.unpack(self.floats)[:6]


def _blanks(text: str) -> list[int]:
    """Positions of the characters PDFium can make up (space, CR, LF), plus tabs and controls
    (asking about more characters never changes the answer)."""
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return np.flatnonzero(codes <= 32).tolist()


_NO_KEY = object()
_RECT = struct.Struct("4f")
_ODD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ud800-\udfff]")


def _stretches(get, tpv: int, text: str) -> list[tuple]:
    """``(start, end, key)`` for each maximal stretch of text-page characters drawn by one text
    object (``key``, its handle as an integer) or made up by PDFium (``key`` None), in order.

    Asking PDFium for the object of every character is one C call each; most are not needed.
    PDFium builds the text page object by object, so the characters of one object stand
    together, and the only characters without an object are the spaces and line breaks it
    makes up between objects (cpdf_textpage.cpp: ``GenerateCharInfo(L' ')``, ``\\r``, ``\\n``;
    a space it makes up inside an object keeps the object). So every blank (space, CR, LF, and
    any character up to U+0020) is asked; a stretch of other characters between two characters
    of the same object belongs to it, and a stretch whose two ends differ is bisected. Right-to-left pages never come here
    (PDFium reorders their characters; :func:`_visual_runs`)."""
    if _ODD.search(text):
        # control characters, U+FFFD: a font without a Unicode map, where PDFium's text and its
        # character list need not line up; every character is asked
        keys = list(map(get, repeat(tpv, len(text)), range(len(text))))
        cuts = [0, *compress(range(1, len(keys)), map(ne, islice(keys, 1, None), keys)), len(keys)]
        return [(a, b, keys[a]) for a, b in zip(cuts, cuts[1:])]
    first: list[int] = []   # where the key changes: the first character ...
    keys: list = []         # ... and its key
    last: list = [_NO_KEY]

    def put(a: int, k) -> None:
        if k != last[0]:
            first.append(a)
            keys.append(k)
            last[0] = k

    def known(a: int, ka, b: int, kb) -> None:
        # the keys strictly between a (already put) and b (put by the caller)
        while ka != kb and b > a + 1:
            m = (a + b) // 2
            km = get(tpv, m)
            if km != ka:
                known(a, ka, m, km)
                put(m, km)
                ka = km
            a = m

    def segment(s: int, e: int, right) -> None:
        # the non-space characters [s, e); right: the key of the character at e (None: unknown)
        ks = get(tpv, s)
        put(s, ks)
        if e == s + 1 or (right is not None and ks == right):
            return
        ke = get(tpv, e - 1)
        known(s, ks, e - 1, ke)
        put(e - 1, ke)

    n = len(text)
    spaces = _blanks(text)
    objs = list(map(get, repeat(tpv, len(spaces)), spaces))
    # only a blank whose object differs from the previous blank's, or that follows a made-up
    # one, has characters before it that need asking (and may start a stretch)
    ask = set(compress(range(len(objs)), map(ne, objs, [_NO_KEY, *objs[:-1]])))
    ask.update(i + 1 for i in compress(range(len(objs) - 1), map(is_, objs, repeat(None))))
    for i in sorted(ask):
        w, k = spaces[i], objs[i]
        pos, left = (spaces[i - 1] + 1, objs[i - 1]) if i else (0, None)
        if w > pos and (left is None or left != k):
            segment(pos, w, k)
        put(w, k)
    pos = spaces[-1] + 1 if spaces else 0
    if pos < n:
        segment(pos, n, None)
    return list(zip(first, [*first[1:], n], keys))


def _text_runs(api: _Api, tp, raw: RawPage, height: float, page=None, code_maps: dict | None = None) -> Collection[int]:
    """All characters of the text page in one call, grouped by the text object that
    draws them; each object's geometry, size, font and marks are read once. Returns the
    handles of the text objects read (:func:`_walk` need not ask their type)."""
    c = api.c
    tpv = ctypes.cast(tp, ctypes.c_void_p).value
    n = api.count_chars(tpv)
    if n <= 0:
        return ()
    if 2 * n + 2 > api.buf_len:
        api._set_buf(2 * n + 2)
    api.get_text(tpv, 0, n, api.a_buf)
    # PDFium reports a hyphen it takes for a line-end break as U+FFFE; the page shows "-"
    text = ctypes.string_at(api.a_buf, 2 * n).decode("utf-16-le", "replace").replace("\ufffe", "-")
    if _RTL.search(text):
        return _visual_runs(api, tp, raw, height, text)
    stretches = _stretches(api.get_obj_int, tpv, text)
    if n >= PDFIUM_TEXT_OBJECT_MAX:
        raw.truncated += _cut_objects(stretches)
    meta_of = api.meta
    loose_box = api.f_loose_box
    rect = (ctypes.c_float * 4)()                  # FS_RECTF: left, top, right, bottom
    a_rect = ctypes.addressof(rect)
    read_rect = _RECT.unpack_from
    info: dict[int, tuple | None] = {}
    append = raw.runs.append
    bad = "\ufffd" in text
    cur: Run | None = None
    orphans: list[tuple[float, float, float, float]] | None = None
    for a, b, key in stretches:
        chunk = text[a:b]
        if not key:
            # characters PDFium made up: a space it inferred (a TJ word gap) is kept,
            # except next to CJK text (the layout step spaces it by the gap) and
            # before a line-end hyphen; a line break ends the run
            if "\r" in chunk or "\n" in chunk:
                cur = None
                continue
            if cur is not None and chunk.strip() == "" and " " in chunk and not cur.text.endswith(" "):
                before = text[a - 1] if a else ""
                after = text[b] if b < n else ""
                after2 = text[b + 1] if b + 1 < n else "\n"
                if after in "-\u00ad" and after and after2 in "\r\n":
                    continue
                if _is_cjk(before) or _is_cjk(after):
                    # next to CJK text (or full-width punctuation) only a space the page draws
                    # counts: Word and LibreOffice widen the gap between Han and Latin text
                    # without writing a space, and the layout step spaces CJK by the gap
                    if orphans is None:
                        orphans = _orphan_text_boxes(api, page, {k for _, _, k in stretches})
                    if not (orphans and b < n and _drawn_space_between(c, tp, a - 1, b, orphans)):
                        continue
                cur.text += " "
            continue
        meta = info.get(key, False)
        if meta is False:
            meta = info[key] = meta_of(key, height)
        if meta is None:
            cur = None
            continue
        if code_maps:
            fmap = code_maps.get(_font_key(meta[4]))
            if fmap is not None:
                chunk = _map_codes(api, tpv, a, chunk, fmap)
                if "\ufffd" in chunk:
                    raw.undecodable += chunk.count("\ufffd")
        if " " in chunk and _CJK_SPACE.search(chunk):
            chunk = _drop_made_up_cjk_spaces(api, tpv, a, chunk)
        cur = Run(chunk, *meta)
        if chunk and _is_cjk(chunk[-1]):
            # a full-width glyph's ink need not reach the end of its em square (a comma or a
            # full stop sits in its left corner): the run ends where its last glyph's advance
            # ends (its loose box), as the pypdf backend measures it, else a line ending in
            # "，" looks short and ends its paragraph
            loose_box(tpv, b - 1, a_rect)
            right = read_rect(rect)[2]
            if right > cur.x1:
                cur.x1 = right
        append(cur)
        if bad and "\ufffd" in chunk:
            raw.undecodable += chunk.count("\ufffd")
    return info


# a space between two characters of a CJK line (the class of :data:`unmark.scripts.CJK_GLYPH`)
_CJK = "[" + HAN + KANA + HANGUL + CJK_PUNCTUATION + FULLWIDTH_FORMS + "]"
_CJK_SPACE = regex.compile("(?<=" + _CJK + ") (?=" + _CJK + ")")


def _drop_made_up_cjk_spaces(api: _Api, tpv: int, start: int, chunk: str) -> str:
    """The chunk without the spaces PDFium made up between two CJK characters of one text
    object. A justified CJK line is often one object whose glyphs stand apart by ``TJ`` gaps
    (the justification spread); PDFium turns a gap wider than its threshold into a space, but
    Chinese, Japanese and Korean full-width text has no word spaces, so such a gap is layout,
    not text (the pypdf backend sees the same glyphs as separate runs, and the layout step
    never spaces two CJK characters by their gap). A space the page draws is kept."""
    gen = api.is_generated
    drop = [m.start() for m in _CJK_SPACE.finditer(chunk) if gen(tpv, start + m.start()) == 1]
    if not drop:
        return chunk
    keep = set(range(len(chunk))).difference(drop)
    return "".join(chunk[i] for i in sorted(keep))


def _map_codes(api: _Api, tpv: int, start: int, chunk: str, fmap: dict) -> str:
    """The chunk of a font read from its embedded program: PDFium gives a code it cannot map
    as the character of that number; the map gives the character. A space or line break PDFium
    made up stays."""
    gen, uni = api.is_generated, api.get_unicode
    out = []
    for k in range(start, start + len(chunk)):
        code = uni(tpv, k)   # per character: PDFium's text buffer need not line up with its characters here
        if gen(tpv, k) == 1:
            out.append(chr(code))
        else:
            out.append(fmap.get(code, "\ufffd"))
    return "".join(out)


def _cut_objects(stretches) -> int:
    """Text objects holding PDFium's maximum of 32,767 characters: their text was cut there."""
    per: dict = {}
    for a, b, key in stretches:
        if key:
            per[key] = per.get(key, 0) + b - a
    return sum(1 for v in per.values() if v >= PDFIUM_TEXT_OBJECT_MAX)


def _orphan_text_boxes(api: _Api, page, used: set) -> list[tuple[float, float, float, float]]:
    """Bounds (left, bottom, right, top) of the page's text objects that no character of the text
    page comes from: PDFium leaves out a text object that draws only a space and makes up its own
    space character instead, without a link to the object."""
    if page is None:
        return []
    out = []
    get, kind = api.f_page_obj, api.f_type
    for i in range(api.f_page_count(page)):
        obj = get(page, i)
        if obj and obj not in used and kind(obj) == TEXT:
            out.append(api.bounds(obj))
    return out


def _drawn_space_between(c, tp, i: int, j: int, boxes) -> bool:
    """A left-out text object (a drawn space) sits between character i and character j."""
    l, r, b, t = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    c.FPDFText_GetCharBox(tp, i, l, r, b, t)
    x0, y0, y1 = r.value, b.value, t.value
    c.FPDFText_GetCharBox(tp, j, l, r, b, t)
    x1 = l.value
    return any(bl < x1 and br > x0 and bb < y1 and bt > y0 for bl, bb, br, bt in boxes)


_MIRROR = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<", "«": "»", "»": "«"}


def _bidi(ch: str) -> str:
    return unicodedata.bidirectional(ch)




def _visual_runs(api: _Api, tp, raw: RawPage, height: float, text: str) -> Collection[int]:
    """A page with right-to-left text: PDFium's text page puts characters in its own bidi
    order, which scrambles numbers inside Arabic lines. Runs are rebuilt as the pypdf
    backend sees them: each text object's characters in drawing position order (left to
    right, by the character's loose box), split where the pen jumps (a ``TJ`` gap), and
    without the spaces PDFium inferred. The layout step turns them into logical order."""
    n = len(text)
    tpv = ctypes.cast(tp, ctypes.c_void_p).value
    fast, loose_box, char_origin = api.get_obj_int, api.f_loose_box, api.f_char_origin
    rect = (ctypes.c_float * 4)()                  # FS_RECTF: left, top, right, bottom
    origin = (ctypes.c_double * 2)()
    a_rect, a_x = ctypes.addressof(rect), ctypes.addressof(origin)
    a_y = a_x + 8
    read_rect, read_origin = struct.Struct("4f").unpack_from, struct.Struct("2d").unpack_from
    by_obj: dict[int, list[tuple[float, int, float]]] = {}
    first: dict[int, int] = {}
    for k in range(n):
        key = fast(tpv, k) or 0
        if not key:
            continue  # a space or line break PDFium made up
        loose_box(tpv, k, a_rect)
        left, _, right, _ = read_rect(rect)
        if right - left <= 0.0 and text[k].isspace():
            continue  # a zero-width space PDFium added between pieces of one object
        char_origin(tpv, k, a_x, a_y)
        lst = by_obj.get(key)
        if lst is None:
            lst = by_obj[key] = []
            first[key] = k
        # ties (a ligature's characters share one origin): the later character stands left
        lst.append((round2(read_origin(origin)[0]), -k, right))
    for key in sorted(by_obj, key=first.__getitem__):
        meta = api.meta(key, height)
        if meta is None:
            continue
        _, y, _, size, fname, art, bold = meta
        join = 0.12 * size
        chars = sorted(by_obj[key])
        # PDFium hands over brackets inside right-to-left text mirrored (the glyph's
        # shape); the PDF's own map gives the logical character
        swap = not any(_bidi(text[-nk]) == "L" for _, nk, _ in chars)
        cur: Run | None = None
        last_x = None
        for x, negk, right in chars:
            ch = text[-negk]
            if swap and ch in _MIRROR:
                ch = _MIRROR[ch]
            if cur is not None and (x == last_x or -0.3 * size < x - cur.x1 < join):
                cur.text += ch
                cur.x1 = max(cur.x1, right)
            else:
                cur = Run(ch, x, y, right, size, fname, art, bold)
                raw.runs.append(cur)
            last_x = x
            if ch == "\ufffd":
                raw.undecodable += 1
    return by_obj


def _walk(api: _Api, parent, is_form: bool, raw: RawPage, height: float, deadline, ctm=None, depth=0,
          text_objs: Collection[int] = ()):
    """Rules (thin wide paths) and images; text comes from :func:`_text_runs` (``text_objs``: the
    handles of text objects it read, whose type is known)."""
    count = api.f_form_count(parent) if is_form else api.f_page_count(parent)
    get = api.f_form_obj if is_form else api.f_page_obj
    kind = api.f_type
    for i in range(count):
        if deadline is not None and not (i & 255) and time.monotonic() > deadline:
            raise _Timeout()
        obj = get(parent, i)
        if not obj or obj in text_objs:
            continue
        t = kind(obj)
        if t == PATH:
            l, bt, r, tp_ = api.bounds(obj)
            if ctm is not None:
                l, r = l * ctm[0] + ctm[4], r * ctm[0] + ctm[4]
                bt, tp_ = bt * ctm[3] + ctm[5], tp_ * ctm[3] + ctm[5]
            if tp_ - bt <= 2.0 and r - l >= 15:
                raw.rules.append(Rule(l, height - (bt + tp_) / 2, r))
        elif t == IMAGE:
            raw.images += 1
        elif t == FORM and depth < 4:
            m = api.matrix(obj)
            _walk(api, obj, True, raw, height, deadline, m if ctm is None else _compose(m, ctm), depth + 1, text_objs)


def _compose(m, n):
    return (
        m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
    )


def _links(api: _Api, doc, page, height: float) -> list[RawLink]:
    c = api.c
    out = []
    pos = ctypes.c_int(0)
    link = c.FPDF_LINK()
    rect = c.FS_RECTF()
    try:
        while c.FPDFLink_Enumerate(page, pos, link):
            act = c.FPDFLink_GetAction(link)
            if not act or c.FPDFAction_GetType(act) != c.PDFACTION_URI:
                continue
            n = c.FPDFAction_GetURIPath(doc, act, api.vbuf, api.buf_len)
            uri = api.buf.raw[: max(n - 1, 0)].decode("latin-1", "replace").strip() if n else ""
            if uri and c.FPDFLink_GetAnnotRect(link, rect):
                x0, x1 = sorted((rect.left, rect.right))
                y0, y1 = sorted((rect.bottom, rect.top))
                out.append(RawLink(uri, x0, height - y1, x1, height - y0))
    except Exception as exc:  # noqa: BLE001
        log.debug("links unreadable: %s", exc)
    return out


def _font_key(name: str) -> str:
    """Font names compared loosely: PDFium may give the font program's name
    ("NotoSansCJKsc-Bold") where the dictionary says "Noto Sans CJK SC Bold"."""
    name = name.lstrip("/")
    if len(name) > 7 and name[6] == "+":
        name = name[7:]
    return "".join(ch for ch in name.lower() if ch.isalnum())


_TYPE0 = re.compile(rb"/Type0\b")
_TOUNICODE = re.compile(rb"/ToUnicode\s*\d+\s+\d+\s+R")   # a map (a stream), not a name
_OBJSTM = re.compile(rb"/Type\s*/ObjStm\b")
_FIRST = re.compile(rb"/First\s+(\d+)")
_FLATE_ONLY = re.compile(rb"/Filter\s*(?:/FlateDecode|\[\s*/FlateDecode\s*\])")
_MAX_OBJSTM = 64 << 20   # decompressed bytes per object stream read for the check


def _type0_mapped(objects) -> bool:
    """Every object (bytes) that says ``/Type0`` also holds a ``/ToUnicode`` map (a reference to
    a stream; ``/ToUnicode /Identity-H``, a name, maps nothing)."""
    return all(_TOUNICODE.search(o) for o in objects if _TYPE0.search(o))


def _plain_objects(data: bytes):
    for m in _TYPE0.finditer(data):
        a = data.rfind(b" obj", 0, m.start())
        b = data.find(b"endobj", m.end())
        yield data[a:b] if a >= 0 and b >= 0 else b"/Type0"   # unbounded: counts as unmapped


def _stream_objects(data: bytes):
    """The objects packed in the file's object streams (``/Type /ObjStm``), each as bytes;
    raises ValueError for a stream this reader does not decode (another filter, a predictor,
    a broken header or zlib stream)."""
    import zlib

    for m in _OBJSTM.finditer(data):
        a = data.rfind(b" obj", 0, m.start())
        s = data.find(b"stream", m.end())
        if a < 0 or s < 0:
            raise ValueError("object stream without a body")
        head = data[a:s]
        first = _FIRST.search(head)
        if not _FLATE_ONLY.search(head) or b"/DecodeParms" in head or first is None:
            raise ValueError("object stream this check does not decode")
        s += 6
        s += 2 if data[s:s + 2] == b"\r\n" else 1
        dec = zlib.decompressobj()
        try:
            body = dec.decompress(memoryview(data)[s:], _MAX_OBJSTM)
        except zlib.error as exc:
            raise ValueError("object stream does not inflate") from exc
        if dec.unconsumed_tail:
            raise ValueError("object stream over the size read")
        k = int(first.group(1))
        nums = body[:k].split()
        offs = [int(x) for x in nums[1::2]] + [len(body) - k]
        for i in range(len(offs) - 1):
            yield body[k + offs[i]: k + offs[i + 1]]


def _all_type0_mapped(path, data: bytes | None = None) -> bool:
    """True when the file's own bytes show that no composite font lacks a /ToUnicode map:
    every object that says ``/Type0``, plain or packed in a (Flate) object stream, also holds
    ``/ToUnicode``. Then the pypdf pass below has nothing to find; anything else (an unmapped
    font, an object stream this check cannot read, a broken file) takes it."""
    if data is None:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError:
            return False
    if not _type0_mapped(_plain_objects(data)):
        return False
    if b"/ObjStm" not in data:
        return True
    try:
        return _type0_mapped(_stream_objects(data))
    except (ValueError, IndexError):
        return False


def fonts_without_unicode(path, data: bytes | None = None,
                          maps: dict | None = None, patch: dict | None = None) -> dict[str, tuple[str, str]]:
    """Base names of composite fonts that neither a /ToUnicode map nor a predefined Unicode or
    national CMap nor their embedded program (:mod:`.fontmap`) can map (their text is glyph
    ids), with the reason. PDFium does not tell; the font dictionaries do (read with pypdf, no
    content parsing). Fonts read from their embedded program go to ``maps`` (font key ->
    (base name, code -> text, source)): PDFium gives their codes as characters. With ``patch``,
    the document PDFium should read instead is put there under ``"data"`` (:mod:`.tounicode`:
    those maps as /ToUnicode maps), and the keys of the fonts it maps under ``"keys"``."""
    out: dict[str, tuple[str, str]] = {}  # font key -> (base name, why)
    if _all_type0_mapped(path, data):
        return out
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data) if data is not None else str(path), strict=False)
        refs: dict = {}
        if reader.is_encrypted:
            reader.decrypt("")
        seen: set[int] = set()
        for page in reader.pages:
            res = page.get("/Resources")
            fonts = res.get_object().get("/Font") if res is not None else None
            if fonts is None:
                continue
            for ref in fonts.get_object().values():
                key = getattr(ref, "idnum", None)
                if key in seen:
                    continue
                seen.add(key)
                f = ref.get_object()
                why = unmapped_reason(f)
                if why is None and key is not None and patch is not None and not has_tounicode(f):
                    # a predefined CMap the table reads and PDFium does not (GB-H): a ToUnicode map for PDFium
                    pm = pdfium_map(str(f.get("/Encoding", "")))
                    if pm:
                        refs.setdefault(_font_key(str(f.get("/BaseFont", ""))), []).append(((key, ref.generation), (pm, 2)))
                if why is not None:
                    name = str(f.get("/BaseFont", ""))
                    em = embedded_map(f)
                    if em is not None and maps is not None:
                        maps[_font_key(name)] = (name.lstrip("/"), em[0], em[1])
                        if key is not None and not read_by_collection(em[1]):
                            refs.setdefault(_font_key(name), []).append(((key, ref.generation), (em[0], code_length(f))))
                        continue
                    out[_font_key(name)] = (name.lstrip("/"), unmapped_detail(f, why))
        if patch is not None and refs and data is not None:
            fixed = with_tounicode(data, reader, {r: m for lst in refs.values() for r, m in lst})
            if fixed is not None:
                patch["data"], patch["keys"] = fixed, set(refs)
    except Exception as exc:  # noqa: BLE001 - a check, never a failure
        log.debug("font check skipped: %s", exc)
    return out


def read_pages(path, max_pages=None, deadline=None, reader_n=None):
    pdfium, c = _lib()
    doc, n = reader_n or open_reader(path)
    api = _Api(c)
    owned = None
    tagged = False
    try:
        root_marked = c.FPDFCatalog_IsTagged(doc.raw) if hasattr(c, "FPDFCatalog_IsTagged") else False
        tagged = bool(root_marked)
    except Exception:  # noqa: BLE001
        pass
    maps: dict = {}
    patch: dict = {}
    no_unicode = fonts_without_unicode(path, getattr(doc, "data", None), maps, patch)
    # PDFium maps the CIDs of an Adobe character collection itself; the other fonts read from
    # their embedded program or a collection PDFium lacks get their maps as /ToUnicode maps in
    # the copy PDFium reads (.tounicode), else their codes are mapped here
    code_maps = {k: m for k, (_, m, how) in maps.items() if not read_by_collection(how) and k not in patch.get("keys", ())}
    if "data" in patch:
        fixed = c.FPDF_LoadMemDocument64(patch["data"], len(patch["data"]), None)
        if fixed and c.FPDF_GetPageCount(fixed) == n:
            doc = _Document(c, fixed, patch["data"])
            owned = doc
        else:
            if fixed:
                c.FPDF_CloseDocument(fixed)
            code_maps = {k: m for k, (_, m, how) in maps.items() if not read_by_collection(how)}
    try:
        yield from _pages(api, c, doc, path, n, deadline, tagged, maps, no_unicode, code_maps)
    finally:
        if owned is not None:
            owned.close()


def _pages(api, c, doc, path, n, deadline, tagged, maps, no_unicode, code_maps):
    for i in range(n):
        if deadline is not None and time.monotonic() > deadline:
            raise _Timeout()
        try:
            page = c.FPDF_LoadPage(doc.raw, i)
            if not page:
                raise PdfError(f"page {i + 1} could not be read", code="E203", path=str(path))
            try:
                w, h = c.FPDF_GetPageWidthF(page), c.FPDF_GetPageHeightF(page)
                raw = RawPage(i + 1, w, h, tagged=tagged)
                api.artifact_marks.clear()
                tp = c.FPDFText_LoadPage(page)
                try:
                    page_int = ctypes.cast(page, ctypes.c_void_p).value
                    text_objs = _text_runs(api, tp, raw, h, page_int, code_maps)
                    _walk(api, page_int, False, raw, h, deadline, text_objs=text_objs)
                finally:
                    c.FPDFText_ClosePage(tp)
                raw.links = _links(api, doc.raw, page, h)
                if maps:
                    raw.font_maps.update({name: how for name, _, how in maps.values()})
                if no_unicode:
                    raw.unmapped_fonts.update(no_unicode.values())
                    raw.undecodable += sum(len(r.text.strip()) for r in raw.runs if _font_key(r.font) in no_unicode)
            finally:
                c.FPDF_ClosePage(page)
        except (_Timeout, PdfError):
            raise
        except Exception as exc:  # noqa: BLE001
            raise PdfError(f"page {i + 1} could not be read: {exc}", code="E203", path=str(path)) from exc
        yield raw
