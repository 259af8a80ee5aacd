"""pypdf backend: glyph runs through ``PageObject.extract_text`` visitor callbacks.

pypdf parses the content stream and tracks the text and transformation matrices; the
``visitor_operand_before`` callback sees every operator with the current CTM and text
matrix. We decode each shown string with pypdf's own font objects (its ``Font``, as
``get_text_operands`` does: :func:`_decode`, memoised per font and string), advance the pen with the glyph widths, ``Tc``/``Tw``/``Tz`` and
``TJ`` offsets, and follow marked content (``BDC``/``BMC``/``EMC``) to flag ``/Artifact``
runs. pypdf's own text assembly is switched off (``orientations=()``), so the strings are
decoded once, by us, and never glued into plain text.
"""
from __future__ import annotations

import functools
import logging
import time
import warnings as _warnings
from typing import Any

from ...errors import PdfError
from .cmaps import has_tounicode, predefined_codec, unmapped_reason
from .fontmap import adapt_pypdf_font, embedded_map, unmapped_detail
from .runs import RawLink, RawPage, Rule, Run, is_bold

log = logging.getLogger(__name__)

PAINT_OPS = frozenset((b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"))
# every operator the visitor acts on; the rest (Td, Tm, cm, colours...) only count
HANDLED_OPS = frozenset((
    b"Tj", b"TJ", b"'", b'"', b"Tf", b"Tc", b"Tw", b"Tz", b"TL", b"TD", b"Ts", b"BDC", b"BMC",
    b"EMC", b"re", b"m", b"l", b"n", b"Do", b"BT", b"ET", b"q", b"Q",
)) | PAINT_OPS
_MEMO_MAX = 200_000


class _Timeout(Exception):
    pass


def _mult(m: list[float], n: list[float]) -> tuple[float, ...]:
    return (
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    )


def open_reader(path, password: str = ""):
    """A ``PdfReader`` or a coded :class:`PdfError` (E202 encrypted, E203 corrupt)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError, PdfReadError
    except ImportError as exc:  # pragma: no cover - pypdf is a core dependency
        raise PdfError("pypdf is not installed", code="E201") from exc
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore")
            reader = PdfReader(str(path), strict=False)
            if reader.is_encrypted:
                try:
                    ok = reader.decrypt(password)
                except Exception as exc:  # missing crypto provider, broken /Encrypt
                    raise PdfError(f"encrypted PDF could not be decrypted: {exc}", code="E202", path=str(path)) from exc
                if not ok:
                    raise PdfError("encrypted PDF: the empty password does not open it", code="E202", path=str(path))
            n = len(reader.pages)
    except PdfError:
        raise
    except DependencyError as exc:  # AES without a crypto provider: not a corrupt file
        raise PdfError(f"encrypted PDF: decrypting it needs the cryptography package, a dependency of "
                       f"unmark-undocs (pip install 'pypdf[crypto]'): {exc}", code="E202", path=str(path)) from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError) as exc:
        raise PdfError(f"corrupt or truncated PDF: {exc}", code="E203", path=str(path)) from exc
    except Exception as exc:  # noqa: BLE001 - any parser failure on a bad file is a coded error
        raise PdfError(f"corrupt or truncated PDF: {exc}", code="E203", path=str(path)) from exc
    return reader, n


def _links(page, top: float, left: float) -> list[RawLink]:
    out: list[RawLink] = []
    try:
        annots = page.get("/Annots")
        if annots is None:
            return out
        for a in annots.get_object():
            a = a.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            act = a.get("/A")
            act = act.get_object() if act is not None else None
            if not act or act.get("/S") != "/URI":
                continue
            uri = str(act.get("/URI", "")).strip()
            r = [float(v) for v in a.get("/Rect", [0, 0, 0, 0])]
            x0, x1 = sorted((r[0], r[2]))
            y0, y1 = sorted((r[1], r[3]))
            if uri:
                out.append(RawLink(uri, x0 - left, top - y1, x1 - left, top - y0))
    except Exception as exc:  # noqa: BLE001 - a broken annotation never loses the page
        log.debug("link annotations unreadable: %s", exc)
    return out


@functools.lru_cache(maxsize=1)
def pypdf_font_class():
    """pypdf's font decoder (widths, encodings, ToUnicode maps). It is not public API: it lives in
    ``pypdf.generic._font`` since pypdf 7.0 (``pypdf._font`` before, with a different text
    decoding), which is why pyproject.toml bounds pypdf to the versions tested (>=7.0,<8)."""
    from pypdf.generic._font import Font

    return Font


class _PageVisitor:
    """State of one page's content stream walk."""

    def __init__(self, page, number: int, deadline: float | None, font_cache: dict, decoded: dict | None = None,
                 widths: dict | None = None):
        from pypdf.generic import DictionaryObject

        Font = pypdf_font_class()

        # (font, shown string) -> (text, glyph count, widths, spaces): a document shows the
        # same strings with the same fonts again and again; pypdf decodes them the same way
        self.decoded = decoded if decoded is not None else {}
        self.widths = widths if widths is not None else {}   # font -> {char: glyph width}
        box = page.mediabox
        self.left = float(box.left)
        self.top = float(box.top)
        self.raw = RawPage(number, float(box.width), float(box.height))
        self.deadline = deadline
        self.nops = 0
        self.fonts: dict[str, Any] = {}
        self._font_src: dict[str, tuple] = {}
        self._font_cache = font_cache
        self._Font = Font
        self.font_names: dict[str, str] = {}
        self.bad_fonts: set[str] = set()
        self.mapped_fonts: set[str] = set()   # no ToUnicode, read from the embedded program (fontmap)
        try:
            res = page.get("/Resources")
            res = res.get_object() if res is not None else {}
            fdict = res.get("/Font")
            fdict = fdict.get_object() if fdict is not None else {}
            for key, ref in fdict.items():
                fo = ref.get_object()
                if not isinstance(fo, DictionaryObject):
                    continue
                ck = getattr(ref, "idnum", None) or id(fo)
                # pypdf's Font (widths, maps) is built on the first Tf that selects it:
                # resource dictionaries often list fonts a page never uses
                self._font_src[key] = (ck, fo)
                self.font_names[key] = str(fo.get("/BaseFont", key))
                why = unmapped_reason(fo)
                if why is not None:
                    em = _embedded(font_cache, ck, fo)
                    if em is not None:
                        self.mapped_fonts.add(key)
                        self.raw.font_maps[self.font_names[key].lstrip("/")] = em[1]
                        continue
                    self.bad_fonts.add(key)
                    self.raw.unmapped_fonts[self.font_names[key].lstrip("/")] = _program_why(fo, why)
            xo = res.get("/XObject")
            self.xobjects = xo.get_object() if xo is not None else {}
        except Exception as exc:  # noqa: BLE001
            log.debug("page %d resources unreadable: %s", number, exc)
            self.xobjects = {}
        self.font_key = ""
        self.font = None
        self.size = 0.0
        self.tc = 0.0
        self.tw = 0.0
        self.tz = 1.0
        self.tl = 0.0
        self.rise = 0.0
        self.mc: list[bool] = []
        self.artifact_depth = 0
        self.pen_key: tuple | None = None
        self.adv = 0.0
        self.cur: Run | None = None
        self.pending: list[tuple[float, float, float]] = []
        self.point: tuple[float, float] | None = None
        self.cm = None
        # q/Q save and restore the text state with the graphics state (PDF 32000-1, 9.3.1):
        # a Tc or Tw set inside q ... Q must not widen the text drawn after it
        self.saved: list[tuple] = []
        from .rules import rules

        # a character spacing that puts a blank after every character ([lines].letter_spacing)
        self.letter_spacing = rules().lines["letter_spacing"]

    def _font(self, key):
        f = self.fonts.get(key)
        if f is not None or key not in self._font_src:
            return f
        ck, fo = self._font_src.pop(key)
        cache = self._font_cache
        if ck in cache:
            f = cache[ck]
        else:
            try:
                f = self._Font.from_font_resource(fo)
                _predefined_encoding(f, fo)
                em = cache.get(("embedded", ck))
                if em is not None:
                    f.character_map = {chr(code): text for code, text in em[0].items()}
                    adapt_pypdf_font(f, fo)
            except Exception:  # noqa: BLE001
                f = None
            cache[ck] = f
        if f is not None:
            self.fonts[key] = f
        return f

    # ---- geometry helpers
    def _to_page(self, x: float, y: float) -> tuple[float, float]:
        return x - self.left, self.top - y

    def _flush(self) -> None:
        if self.cur is not None and self.cur.text:
            self.raw.runs.append(self.cur)
        self.cur = None

    def _show(self, items: list, cm, tm) -> None:
        f = self.font
        if f is None:
            return
        key = tuple(tm)
        if key != self.pen_key:
            self.pen_key = key
            self.adv = 0.0
            self._flush()
        m = _mult(tm, cm)
        if abs(m[1]) > 1e-3 or abs(m[2]) > 1e-3 or m[0] <= 0 or m[3] <= 0:
            return  # rotated or mirrored text: not part of the reading flow
        size = self.size * m[3]
        sx = m[0]
        hscale = self.tz
        fsize = self.size
        artifact = self.artifact_depth > 0
        fname = self.font_names.get(self.font_key, self.font_key)
        bad = self.font_key in self.bad_fonts
        gap_join = 0.12 * fsize  # text-space distance below which pieces join without a space
        memo = self.decoded
        fid = id(f)
        pieces = _chunks(items, gap_join * 1000.0 / max(fsize, 1e-6))
        spaced = self.tc * hscale >= self.letter_spacing * fsize and getattr(f, "sub_type", "") != "Type0"
        if spaced:
            # letter-spaced text (typewriter layouts: "s3y4d" drawn with a character spacing of
            # one blank): one piece per character, so that each gap is seen and becomes a space
            # where the page shows one, as in PDFium's text
            pieces = _per_character(items)
        for it in pieces:
            if isinstance(it, (int, float)):
                self.adv -= float(it) / 1000.0 * fsize * hscale
                continue
            kern = 0.0
            if isinstance(it, tuple):  # byte strings joined across small kerning offsets
                it, kern = it
            mkey = (fid, it)
            hit = memo.get(mkey)
            if hit is None:
                try:
                    ops, is_str, widths = _decode(f, it, self.widths)
                except Exception:  # noqa: BLE001
                    continue
                if is_str:
                    text = ops
                else:
                    cmap = f.character_map
                    text = "".join([cmap.get(c, c) for c in ops]) if cmap else ops
                hit = (text, len(ops), widths, ops.count(" "))
                if len(memo) > _MEMO_MAX:
                    memo.clear()
                memo[mkey] = hit
            text, n, widths, nsp = hit
            if not n:
                continue
            if not self.tw:
                nsp = 0
            w = ((widths - kern) / 1000.0 * fsize + self.tc * n + self.tw * nsp) * hscale
            if bad:
                self.raw.undecodable += n
            elif self.font_key in self.mapped_fonts and "\ufffd" in text:
                self.raw.undecodable += text.count("\ufffd")
            x0 = m[4] + self.adv * sx
            # a letter-spaced character ends at its glyph; the spacing after it is a gap
            x1 = x0 + ((w - self.tc * n * hscale) if spaced else w) * sx
            y = m[5] + self.rise * m[3]
            px0, py = self._to_page(x0, y)
            px1 = x1 - self.left
            cur = self.cur
            if (
                cur is not None
                and abs(cur.y - py) < 0.05 * size + 0.01
                and cur.size == size
                and cur.font == fname
                and cur.artifact == artifact
                and -0.3 * size < px0 - cur.x1 < gap_join * sx
            ):
                cur.text += text
                cur.x1 = px1
            else:
                self._flush()
                self.cur = Run(text, px0, py, px1, size, fname, artifact, is_bold(fname))
            self.adv += w

    # ---- the visitor
    def __call__(self, op: bytes, args: list, cm, tm) -> None:
        self.nops += 1
        if self.deadline is not None and not (self.nops & 1023) and time.monotonic() > self.deadline:
            raise _Timeout()
        if op not in HANDLED_OPS:
            return
        if op in (b"Tj", b"TJ", b"'", b'"'):
            if op == b"TJ":
                items = list(args[0]) if args else []
            elif op == b'"':
                if len(args) >= 3:
                    self.tw, self.tc = float(args[0]), float(args[1])
                items = args[2:3]
            else:
                items = args[:1]
            if op in (b"'", b'"'):
                tm = list(tm)
                tm[4] -= self.tl * tm[2]
                tm[5] -= self.tl * tm[3]
                self.pen_key = None
            self._show(items, cm, tm)
            if op in (b"'", b'"'):
                self.pen_key = tuple(tm)
        elif op == b"Tf":
            try:
                self.font_key = args[0]
                self.size = float(args[1])
            except (IndexError, TypeError, ValueError):
                pass
            self.font = self._font(self.font_key)
        elif op == b"q":
            self.saved.append((self.font_key, self.font, self.size, self.tc, self.tw, self.tz, self.tl, self.rise))
        elif op == b"Q":
            if self.saved:
                (self.font_key, self.font, self.size, self.tc, self.tw, self.tz, self.tl,
                 self.rise) = self.saved.pop()
        elif op == b"Tc":
            self.tc = _num(args, self.tc)
        elif op == b"Tw":
            self.tw = _num(args, self.tw)
        elif op == b"Tz":
            self.tz = _num(args, 100.0) / 100.0
        elif op == b"TL":
            self.tl = _num(args, self.tl)
        elif op == b"TD":
            self.tl = -_num(args[1:], -self.tl)
        elif op == b"Ts":
            self.rise = _num(args, 0.0)
        elif op in (b"BDC", b"BMC"):
            # any /Artifact (pagination, layout, background) is not document content
            art = bool(args) and args[0] == "/Artifact"
            self.mc.append(art)
            if art:
                self.artifact_depth += 1
        elif op == b"EMC":
            if self.mc and self.mc.pop():
                self.artifact_depth -= 1
        elif op == b"re":
            if len(args) == 4:
                x, y, w, h = (float(a) for a in args)
                (ax, ay), (bx, by) = _apply(cm, x, y), _apply(cm, x + w, y + h)
                if abs(by - ay) <= 2.0 and abs(bx - ax) >= 15:
                    self.pending.append((min(ax, bx), (ay + by) / 2, max(ax, bx)))
        elif op == b"m":
            if len(args) == 2:
                self.point = _apply(cm, float(args[0]), float(args[1]))
        elif op == b"l":
            if len(args) == 2 and self.point is not None:
                p = _apply(cm, float(args[0]), float(args[1]))
                (ax, ay), (bx, by) = self.point, p
                if abs(by - ay) <= 0.5 and abs(bx - ax) >= 15:
                    self.pending.append((min(ax, bx), ay, max(ax, bx)))
                self.point = p
        elif op in PAINT_OPS:
            for x0, y, x1 in self.pending:
                self.raw.rules.append(Rule(x0 - self.left, self.top - y, x1 - self.left))
            self.pending.clear()
        elif op == b"n":
            self.pending.clear()
        elif op == b"Do":
            try:
                xo = self.xobjects.get(args[0])
                if xo is not None and xo.get_object().get("/Subtype") == "/Image":
                    self.raw.images += 1
            except Exception:  # noqa: BLE001
                pass
        elif op in (b"BT", b"ET"):
            self._flush()
            self.pen_key = None


def _program_why(fo, why: str) -> str:
    return unmapped_detail(fo, why)


def _embedded(cache: dict, ck, fo):
    """The code -> text map read from a font's embedded program (:mod:`.fontmap`), once a
    document; None when it has none."""
    k = ("embedded", ck)
    if k not in cache:
        cache[k] = embedded_map(fo)
    return cache[k]


class _KnownEncoding(logging.Filter):
    """Drops pypdf's "Advanced encoding /GB-H not implemented yet" for a predefined CMap the
    table (resources/pdf/cmaps.toml) reads (:func:`_predefined_encoding`): not a problem."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith("Advanced encoding"):
            return True
        enc = record.args.get("encoding") if isinstance(record.args, dict) else None
        return not (isinstance(enc, str) and enc.startswith("/") and predefined_codec(enc))


_KNOWN = _KnownEncoding()


def _predefined_encoding(font, fo) -> None:
    """A composite font with a predefined CMap and no ToUnicode: decode its codes with the
    CMap's codec (pypdf knows some of them; resources/pdf/cmaps.toml knows the rest)."""
    if fo.get("/Subtype") != "/Type0" or has_tounicode(fo):
        return
    enc = fo.get("/Encoding")
    name = str(enc.get_object()) if enc is not None else ""
    codec = predefined_codec(name) if name.startswith("/") else None
    if codec is not None and isinstance(font.encoding, str):
        font.encoding = codec


def _decode(font, it, widths_of: dict) -> tuple[str, bool, float]:
    """What ``pypdf._text_extraction.get_text_operands([it], I, I, font, (0,))`` returns
    (the decoded string, whether the operand was already text, the summed glyph widths in
    thousandths of an em), with the glyph widths kept per font across calls: pypdf asks the
    font for every character of every string again."""
    raw_characters = ""
    if isinstance(it, str):
        text = it
        is_str = True
    else:
        is_str = False
        enc = font.encoding
        if isinstance(enc, str):  # a named encoding
            try:
                text = it.decode(enc, "surrogatepass")
            except UnicodeDecodeError:
                text = it.decode(enc, "replace")
        else:  # a differences dictionary
            text = "".join(enc.get(x, chr(x)) for x in it)
            raw_characters = "".join(chr(b) for b in it)
    wc = widths_of.get(id(font))
    if wc is None:
        wc = widths_of[id(font)] = {}
    space_char = font.space_char
    widths = 0.0
    for char in raw_characters or text:
        if char == space_char:
            widths += font.space_width
        else:
            w = wc.get(char)
            if w is None:
                w = wc[char] = font.get_text_width(char)
            widths += w
    return text, is_str, widths


def _chunks(items: list, big: float):
    """TJ elements with byte strings separated only by small kerning offsets (|n| < big,
    in thousandths of an em) joined into one ``(bytes, kerning_sum)`` piece, so each piece
    is decoded once; larger offsets (word gaps, TAB jumps) stay as numbers."""
    if len(items) < 3:
        yield from items
        return
    buf: list[bytes] = []
    kern = 0.0
    for it in items:
        if isinstance(it, (int, float)):
            if buf and abs(float(it)) < big:
                kern += float(it)
                continue
            if buf:
                yield (b"".join(buf), kern)
                buf, kern = [], 0.0
            yield it
        elif isinstance(it, bytes) and not isinstance(it, str):
            buf.append(bytes(it))
        else:
            if buf:
                yield (b"".join(buf), kern)
                buf, kern = [], 0.0
            yield it
    if buf:
        yield (b"".join(buf), kern)


def _per_character(items: list):
    """TJ elements with every byte string of a simple (one byte per character) font cut into
    single characters; numbers stay as they are."""
    for it in items:
        if isinstance(it, bytes) and not isinstance(it, str) and len(it) > 1:
            for k in range(len(it)):
                yield bytes(it[k:k + 1])
        else:
            yield it


def _num(args, default: float) -> float:
    try:
        return float(args[0])
    except (IndexError, TypeError, ValueError):
        return default


def _apply(cm, x: float, y: float) -> tuple[float, float]:
    return cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]


def read_pages(path, max_pages: int | None = None, deadline: float | None = None, reader_n=None):
    """Yield :class:`RawPage` objects. Raises coded :class:`PdfError`."""
    reader, n = reader_n or open_reader(path)
    font_cache: dict = {}
    decoded: dict = {}
    widths: dict = {}
    for i in range(n):
        if deadline is not None and time.monotonic() > deadline:
            raise _Timeout()
        try:
            page = reader.pages[i]
            v = _PageVisitor(page, i + 1, deadline, font_cache, decoded, widths)
            v.raw.tagged = _is_tagged(reader)
            with _warnings.catch_warnings():
                _warnings.simplefilter("ignore")
                cmap_log = logging.getLogger("pypdf._cmap")
                cmap_log.addFilter(_KNOWN)
                try:
                    page.extract_text(orientations=(), visitor_operand_before=v)
                finally:
                    cmap_log.removeFilter(_KNOWN)
            v._flush()
            v.raw.links = _links(page, v.top, v.left)
        except _Timeout:
            raise
        except RecursionError as exc:
            raise PdfError(f"page {i + 1}: content too deeply nested", code="E203", path=str(path)) from exc
        except Exception as exc:  # noqa: BLE001 - a broken page stream is a corrupt file
            log.debug("page %d failed: %s", i + 1, exc)
            raise PdfError(f"page {i + 1} could not be read: {exc}", code="E203", path=str(path)) from exc
        yield v.raw


_TAGGED: dict[int, bool] = {}


def _is_tagged(reader) -> bool:
    k = id(reader)
    if k not in _TAGGED:
        try:
            root = reader.trailer["/Root"].get_object()
            mi = root.get("/MarkInfo")
            _TAGGED.clear()
            _TAGGED[k] = bool(mi and mi.get_object().get("/Marked")) or "/StructTreeRoot" in root
        except Exception:  # noqa: BLE001
            _TAGGED[k] = False
    return _TAGGED[k]
