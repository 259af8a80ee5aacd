"""Safe strings: what unmark does to characters no output format can hold, and to cells a
spreadsheet would run as formulas.

- :func:`clean_input`: text handed to the API. Lone surrogates (a ``str`` Python accepts but no
  UTF-8 writer can encode) become U+FFFD; control characters (C0 except tab, line feed, carriage
  return and form feed; DEL and C1 but NEL; the noncharacters U+FFFE and U+FFFF) are removed, a vertical
  tab (Word's manual line break) becomes a space. Each change becomes a :class:`~unmark.model.Fix`
  (rules ``text.surrogate`` and ``text.control``) on its line.
- :func:`xml_safe`: the same characters removed from any text written to XML, HTML or XLSX (a
  last line of defence for documents that did not come through :func:`clean_input`, e.g. read
  back from JSON); the count removed is logged as warning W480.
- :func:`neutralise_cell`: OWASP's CSV-injection rule: a cell beginning with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return gets a leading apostrophe so that a spreadsheet shows
  it as text instead of running it.
"""
from __future__ import annotations

import bisect
import logging
import re as _stdre

from typing import NamedTuple

import regex as re

log = logging.getLogger(__name__)

SURROGATES = re.compile(r"[\ud800-\udfff]")
# characters no XML 1.0 / XLSX document may hold (tab, LF, CR are allowed; DEL and C1 are legal XML)
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# text handed to the parser: the same except form feed (a page break of text input), plus DEL
# and the C1 controls except NEL (U+0085, a line break); surrogates are replaced, not removed
_INPUT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_NEWLINES = re.compile(r"\r\n|\r|\n")
# the text before a position is inside a URL: an address token runs up to it (or a path of two or
# more slashes, the rest of an address that began on the line before)
_URL_BEFORE = re.compile(r"(?:(?:https?://|www\.)[^\s\ufffe]*|[^\s\ufffe/]*/[^\s\ufffe/]+/[^\s\ufffe]*)$", re.IGNORECASE)
# either of the two above, for the scan every parse makes (the standard library's engine scans a
# plain character class over a long text several times faster than ``regex``)
_ANY_BAD_INPUT = _stdre.compile("[\ud800-\udfff\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _NEWLINES.finditer(text)]


class InputFix(NamedTuple):
    """One change :func:`clean_input` made (the caller records it as a :class:`unmark.model.Fix`
    on its page; this module stays below the data types so every writer can use it)."""

    rule: str
    line: int
    before: str
    after: str
    col: int
    note: str


def clean_input(text: str) -> tuple[str, list[InputFix]]:
    """``text`` without lone surrogates and control characters, and one change per character
    removed or replaced, with its line and column."""
    if _ANY_BAD_INPUT.search(text) is None:  # (nearly every text: one scan)
        return text, []
    has_sur = SURROGATES.search(text) is not None
    has_ctl = _INPUT_CONTROLS.search(text) is not None
    if not has_sur and not has_ctl:
        return text, []
    starts = _line_starts(text)
    fixes: list[InputFix] = []

    def line_col(off: int) -> tuple[int, int]:
        i = bisect.bisect_right(starts, off) - 1
        return i + 1, off - starts[i]

    if has_sur:
        for m in SURROGATES.finditer(text):
            ln, col = line_col(m.start())
            fixes.append(InputFix("text.surrogate", ln, f"\\u{ord(m.group()):04x}", "\ufffd", col,
                                  "a lone surrogate (not a character) replaced"))
        text = SURROGATES.sub("\ufffd", text)   # one for one: offsets and line starts unchanged
    if has_ctl:
        url_hyphens = set()
        for m in _INPUT_CONTROLS.finditer(text):
            ln, col = line_col(m.start())
            ch = m.group()
            if ch == "\ufffe" and _URL_BEFORE.search(text, max(0, m.start() - 300), m.start()):
                # PDFium's text marks a hyphen at a line end whose break it removed with U+FFFE; in
                # a URL the hyphen is the address's own (a typesetter adds none to a URL)
                url_hyphens.add(m.start())
                fixes.append(InputFix("text.url_hyphen", ln, "\\ufffe", "-", col,
                                      "PDFium's mark of a line-end hyphen inside a URL: the URL's hyphen"))
                continue
            fixes.append(InputFix("text.control", ln, f"\\u{ord(ch):04x}", " " if ch == "\x0b" else "", col,
                                  "a control character removed"))
        text = _INPUT_CONTROLS.sub(lambda m: " " if m.group() == "\x0b" else "-" if m.start() in url_hyphens else "", text)
    return text, fixes


def xml_safe(s: object) -> str:
    """``s`` as text an XML/HTML/XLSX file can hold: control characters, noncharacters and lone
    surrogates removed."""
    t = "" if s is None else str(s)
    return t if CONTROLS.search(t) is None else CONTROLS.sub("", t)


class Scrub:
    """:func:`xml_safe` that counts what it removed, for one output; :meth:`report` logs the
    count once as warning W480 (and returns it, for a format that can carry a note)."""

    def __init__(self, where: str):
        self.where = where
        self.removed = 0

    def __call__(self, s: object) -> str:
        t = "" if s is None else str(s)
        if CONTROLS.search(t) is None:
            return t
        out, n = CONTROLS.subn("", t)
        self.removed += n
        return out

    def note(self) -> str | None:
        if not self.removed:
            return None
        return f"W480: {self.removed} control character(s) removed from the {self.where} output"

    def report(self) -> str | None:
        msg = self.note()
        if msg:
            log.warning("%s", msg)
        return msg


_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def markdown_safe(s: str, scrub: Scrub | None = None) -> str:
    """Text for Markdown: no raw HTML (a ``<`` opening a tag becomes ``&lt;``), no control characters."""
    t = scrub(s) if scrub is not None else xml_safe(s)
    return _TAG_START.sub("&lt;", t) if "<" in t else t


def strings_only(ws) -> int:
    """Every formula cell of an openpyxl worksheet written as the string it holds (the text a user
    sees, never run). Returns how many cells were changed."""
    n = 0
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
                n += 1
    return n


def neutralise_cell(value: object, on: bool = True) -> object:
    """OWASP CSV-injection rule for one cell: a text beginning with = + - @ tab or CR is
    prefixed with an apostrophe. Numbers and empty cells are left alone."""
    if on and isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
