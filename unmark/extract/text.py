"""Text input: text another tool already pulled out of a UN PDF.

Recognised layouts ("styles"):

- ``formfeed``: pages separated by form feeds (pdftotext, plain or ``-layout``).
- ``tika``: every text line followed by one blank line (Apache Tika and tools built on it);
  a page starts where a line beginning with a space follows the previous line with no
  blank line between, and hyperlink-annotation URL lines close a page; a trailing space
  marks the end of a Word paragraph (a hard line break).
- ``plain``: anything else; one logical page unless furniture says otherwise.
"""
from __future__ import annotations

import functools
import logging
import unicodedata
from dataclasses import dataclass

import regex as re

from ..errors import BinaryInputError, EmptyInputError, EncodingError, InputTooLargeError, ResourceError
from ..model import DocWarning, Fix, MappedText
from ..resources import load_toml
from ..rules.bidi import bidi_regex
from ..scripts import ARABIC, ARABIC_CHAR
from .lines import Extracted, SrcLine, SrcPage

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 16 * 1024 * 1024   # text input (E104): what one build stage may hold within the caller's memory bound (docs/limits-and-security.md)

URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$")


@dataclass(frozen=True)
class RawLine:
    lineno: int  # 1-based line number in the input
    text: str


def decode(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, name: str | None = None) -> tuple[str, list[DocWarning]]:
    """Bytes -> str. UTF-8 (with or without BOM), UTF-16 with BOM; anything else is a coded error."""
    warnings: list[DocWarning] = []
    if len(data) > max_bytes:
        raise InputTooLargeError(
            f"input is {len(data) / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:.1f} MB (raise max_bytes to allow it)",
            code="E104",
            path=name,
        )
    if not data.strip():
        raise EmptyInputError("input is empty", code="E101", path=name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise EncodingError(f"invalid UTF-16: {exc.reason}", code="E103", path=name) from exc
    else:
        if data[:5] == b"%PDF-":
            raise BinaryInputError("this is a PDF, not text; parse it as a PDF file", code="E106", path=name)
        sample = data[:65536]
        ctrl = sum(1 for b in sample if b < 9 or 13 < b < 32 and b not in (12, 27))
        if b"\x00" in sample or ctrl > max(8, len(sample) // 200):
            raise BinaryInputError("input looks binary, not text", code="E102", path=name)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise EncodingError(
                f"input is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                f"convert it to UTF-8 first{_encoding_hint(sample)}",
                code="E103",
                path=name,
            ) from exc
    _check_decoded(text, name)
    return text, warnings


def guess_legacy_encoding(sample: bytes) -> str | None:
    """The legacy encoding a non-UTF-8 text most likely uses, for the E103 hint (or None).

    Accented Latin letters (French, Spanish in Windows-1252 / Latin-1) are single high bytes between
    ASCII letters; Cyrillic (Windows-1251) and Arabic (Windows-1256) words are runs of high bytes that
    decode to letters of that script; Chinese (GB18030, Big5) runs decode to Han characters.
    """
    import regex

    high = [i for i, b in enumerate(sample) if b >= 0x80]
    if not high:
        return None
    isolated = sum(1 for i in high if (i == 0 or sample[i - 1] < 0x80) and (i + 1 >= len(sample) or sample[i + 1] < 0x80))
    if isolated / len(high) > 0.5:
        return "WINDOWS-1252"

    def share(enc: str, script: str) -> float:
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            return 0.0
        non_ascii = [c for c in text if ord(c) >= 0x80]
        return sum(1 for c in non_ascii if regex.match(rf"\p{{{script}}}", c)) / max(1, len(non_ascii))

    for enc, script in (("cp1256", "Arabic"), ("cp1251", "Cyrillic")):
        if share(enc, script) >= 0.9:
            return {"cp1251": "WINDOWS-1251", "cp1256": "WINDOWS-1256"}[enc]
    for enc in ("gb18030", "big5"):
        if share(enc, "Han") >= 0.6:
            return enc.upper()
    return None


def _encoding_hint(sample: bytes) -> str:
    enc = guess_legacy_encoding(sample[:65536])
    return f" (it looks like {enc}: iconv -f {enc} -t UTF-8)" if enc else " (e.g. with iconv -f ENCODING -t UTF-8)"


def _check_decoded(text: str, name: str | None) -> None:
    """Text that decoded but is mostly control, private-use or unassigned characters is binary."""
    sample = text[:65536]
    if not sample.strip():
        raise EmptyInputError("input is empty", code="E101", path=name)
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\x1b") or unicodedata.category(c) in ("Cn", "Cs", "Co"))
    if bad > max(8, len(sample) // 20):
        raise BinaryInputError("input looks binary, not text", code="E102", path=name)


def split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def detect_style(lines: list[str]) -> str:
    if _tika_like(lines):
        return "tika"  # (form feeds, if any, still separate its pages)
    if any("\f" in ln for ln in lines):
        return "formfeed"
    return "plain"


@functools.lru_cache(maxsize=1)
def _unwrapped_rule() -> tuple[float, int, float, int]:
    table = load_toml("core/pages.toml").get("unwrapped", {})
    try:
        q, w = float(table["quantile"]), int(table["min_width"])
        share, n = float(table["final_share"]), int(table["min_lines"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ResourceError(f"core/pages.toml: [unwrapped] needs quantile, min_width, final_share, min_lines: {exc}",
                            code="E602") from exc
    if not 0 < q <= 1 or w <= 0 or not 0 < share <= 1 or n < 1:
        raise ResourceError("core/pages.toml: [unwrapped] quantile and final_share must be in (0, 1], "
                            "min_width and min_lines > 0", code="E602")
    return q, w, share, n


def unwrapped(lines: list[str]) -> bool:
    """True when the text was never wrapped at a page width (one paragraph or sentence per line):
    the line at the rule's quantile of sorted display widths is wider than any printed page line,
    or nearly every line ends a sentence."""
    from ..lang.linebreaks import display_width, ends_sentence

    content = [ln.strip() for ln in lines if ln.strip()]
    if not content:
        return False
    q, min_width, share, min_lines = _unwrapped_rule()
    widths = sorted(display_width(s) for s in content)
    k = min(len(widths) - 1, int(q * (len(widths) - 1) + 0.5))
    if widths[k] >= min_width:
        return True
    return len(content) >= min_lines and sum(1 for s in content if ends_sentence(s)) >= share * len(content)


def _tika_like(lines: list[str]) -> bool:
    lines = [ln.replace("\f", "") for ln in lines]
    content = [i for i, ln in enumerate(lines) if ln.strip()]
    if len(content) >= 2:
        followed_by_blank = sum(1 for i in content if i + 1 < len(lines) and lines[i + 1] == "")
        trailing_space = sum(1 for i in content if lines[i].endswith((" ", "\u3000")))
        # Tika marks each Word paragraph end with a trailing space; text made of blank-line
        # separated one-line paragraphs (unmark's own txt output) has none
        if followed_by_blank / len(content) >= 0.75 and trailing_space / len(content) >= 0.15:
            return True
    return False


def _nfc(text: str, lineno: int, fixes: list[Fix]) -> str:
    if text.isascii():
        return text
    out = unicodedata.normalize("NFC", text)
    if out != text:
        fixes.append(Fix("text.nfc", None, lineno, text, out))
    return out


def _mk_line(page: int, lineno: int, text: str, gap: int, page_start: bool, hard_end: bool | None) -> SrcLine:
    indent = len(text) - len(text.lstrip(" \t\u3000"))
    return SrcLine(
        page=page,
        line=lineno,
        text=MappedText.from_source(text, page, lineno),
        raw=text,
        indent=float(indent),
        gap_before=gap,
        hard_end=hard_end,
        page_start=page_start,
    )


def _pages_formfeed(lines: list[str]) -> list[list[tuple[int, str]]]:
    pages: list[list[tuple[int, str]]] = [[]]
    for i, ln in enumerate(lines, 1):
        parts = ln.split("\f")
        for k, part in enumerate(parts):
            if k > 0:
                pages.append([])
            pages[-1].append((i, part))
    if pages and not any(t.strip() for _, t in pages[-1]):
        pages.pop()
    return pages


def _build_plain_page(num: int, entries: list[tuple[int, str]]) -> SrcPage:
    out: list[SrcLine] = []
    gap = 0
    for lineno, t in entries:
        if not t.strip():
            gap += 1
            continue
        out.append(_mk_line(num, lineno, t.rstrip("\n"), gap, not out, None))
        gap = 0
    return SrcPage(num, out)


def _tika_pages(lines: list[str]) -> list[SrcPage]:
    """Tika blank-line style: undo the interleaved blank lines and find page breaks."""
    pages: list[SrcPage] = []
    cur: list[SrcLine] = []
    page_no = 1
    gap = 0
    prev_content: int | None = None  # index of previous non-blank line
    prev_was_annotation = False
    for i, t in enumerate(lines):
        while t.startswith("\f") or (t.endswith("\f") and not t.strip("\f").strip()):
            # a form feed (unmark's own txt output marks pages this way)
            pages.append(SrcPage(page_no, cur))
            page_no += 1
            cur = []
            gap = 0
            prev_content = None
            t = t[1:] if t.startswith("\f") else t[:-1]
        if t == "":
            continue
        if not t.strip():  # a space-only line: an empty paragraph, i.e. vertical space
            gap += 1
            prev_content = i
            prev_was_annotation = False
            continue
        glued = prev_content is not None and prev_content == i - 1 and lines[i - 1].strip() != ""
        is_url = bool(URL_LINE.match(t.strip())) and not t.endswith(" ")
        new_page = False
        if cur:
            if prev_was_annotation and not is_url:
                new_page = True  # annotation URL lines close a page
            elif glued and t[:1] in (" ", "\t", "\u3000") and not is_url:
                new_page = True  # a page starts with an indented line glued to the previous page
        if new_page:
            pages.append(SrcPage(page_no, cur))
            page_no += 1
            cur = []
            gap = 0
        hard = t.endswith((" ", "\u3000")) if not is_url else True
        sl = _mk_line(page_no, i + 1, t, gap, not cur, hard)
        if is_url and glued_annotation_candidate(lines, i):
            sl.zone = "annotation"
        cur.append(sl)
        gap = 0
        prev_content = i
        prev_was_annotation = sl.zone == "annotation"
    if cur:
        pages.append(SrcPage(page_no, cur))
    return pages


def glued_annotation_candidate(lines: list[str], i: int) -> bool:
    """A URL-only line not followed by the interleaving blank line is a hyperlink annotation."""
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    nxt2 = lines[i + 2] if i + 2 < len(lines) else ""
    return nxt != "" or nxt2 == ""


_ARABIC = ARABIC_CHAR
# right-to-left text in visual order (PyMuPDF): the line's final comma or full stop printed first.
# The line is judged as the later stages and the text output see it: past any leading white space
# (tab, U+3000, no-break space, NEL, line separator) and the direction controls the cleaning drops
# (artifact.bidi_controls); else a line the first read leaves alone (U+202E ":...") opens a
# paragraph of the text output and is moved on the re-read.
@functools.lru_cache(maxsize=1)
def _visual_rtl_punct() -> "re.Pattern[str]":
    rx = bidi_regex().pattern  # "[...]" of the controls, or a pattern that never matches
    controls = rx[1:-1] if rx.startswith("[") else ""
    return re.compile(r"^([\s" + controls + r"]*)([،؛.:!؟])(?=" + ARABIC + ")")


def _logical_rtl_punctuation(pages: list[SrcPage], fixes: list[Fix]) -> None:
    """``text.rtl_punctuation``: a line of Arabic that opens with its own final punctuation
    (``،إن الجمعية العامة``: visual order) gets it back at its end (``إن الجمعية العامة،``).
    Logical-order Arabic never opens a line with a comma, so nothing else matches."""
    for p in pages:
        for ln in p.lines:
            m = _visual_rtl_punct().match(ln.s)
            if not m:
                continue
            a, b = m.start(2), m.end(2)
            body = ln.text.slice(b).text.rstrip()
            new = MappedText.join([ln.text.slice(0, a), ln.text.slice(b, b + len(body)), ln.text.slice(a, b),
                                   ln.text.slice(b + len(body))])
            fixes.append(Fix("text.rtl_punctuation", p.number, ln.line, ln.s, new.text,
                             note="final punctuation of a right-to-left line in visual order moved to its end"))
            ln.text = new


def _rtl_runs_unindented(pages: list[SrcPage]) -> None:
    """Right-to-left text that the extractor printed one direction run per line (PyMuPDF): the
    spaces before a run are the gaps between runs of one printed line, not an indentation."""
    from ..lang.linebreaks import rtl_fragmented

    if rtl_fragmented([ln.s for p in pages for ln in p.lines]):
        for p in pages:
            for ln in p.lines:
                ln.indent = 0


def extract_text(text: str, *, name: str | None = None) -> Extracted:
    """Plain text -> pages of lines (no cleaning yet besides NFC, which is recorded)."""
    fixes: list[Fix] = []
    raw_lines = split_lines(text)
    raw_lines = [_nfc(t, i + 1, fixes) for i, t in enumerate(raw_lines)]
    style = detect_style(raw_lines)
    if style == "tika":
        pages = _tika_pages(raw_lines)
    elif style == "formfeed":
        pages = [_build_plain_page(n, ents) for n, ents in enumerate(_pages_formfeed(raw_lines), 1)]
    else:
        pages = [_build_plain_page(1, list(enumerate(raw_lines, 1)))]
    if style != "tika" and unwrapped(raw_lines):
        # never wrapped at a page width: each line is a whole paragraph (or heading)
        for p in pages:
            for ln in p.lines:
                if ln.s.strip():
                    ln.hard_end = True
    # form feeds define physical pages: an empty page keeps its number; only trailing ones go
    while len(pages) > 1 and not pages[-1].lines:
        pages.pop()
    for n, p in enumerate(pages, 1):
        if p.number != n:
            p.number = n
            for ln in p.lines:
                ln.page = n
                ln.text = MappedText.from_source(ln.raw, n, ln.line)
    if not text.isascii() and _ARABIC.search(text):  # (both look at right-to-left lines only)
        _logical_rtl_punctuation(pages, fixes)
        _rtl_runs_unindented(pages)
    if fixes:
        # fixes recorded before page numbers were known: fill the page in
        line_page = {ln.line: p.number for p in pages for ln in p.lines}
        fixes = [Fix(f.rule, line_page.get(f.line), f.line, f.before, f.after) for f in fixes]
    log.debug("text input: style=%s pages=%d lines=%d", style, len(pages), len(raw_lines))
    return Extracted(pages=pages, style=style, kind="text", fixes=fixes)
