"""Hard (paragraph end) vs soft (wrap) line breaks in plain PDF-extracted text.

The decisive feature is the length of the line before the break against the typical length
of a full line of the same document (computed once by :func:`line_break_context`): a wrapped
line runs to the right margin, a paragraph's last line, a heading or a masthead line stops
short. A full line is a paragraph end only when it ends with punctuation and the next line
opens with an item/paragraph label.
"""
from __future__ import annotations

import logging
import statistics

import regex

from ..labels import rule as label_rule
from ..scripts import ARABIC, ARABIC_CHAR, EAST_ASIAN_WIDE_RUNS, FIRST_UNIT, LATIN, HAN_CHAR as _HAN_CHAR
from .data import match_label, rules

log = logging.getLogger(__name__)

#: a line shorter than this share of a full line ends a paragraph (or is a heading/masthead)
SHORT_RATIO = 0.8
#: share of lines below which the "full line" width is read (robust maximum)
FULL_QUANTILE = 0.9
#: full-line width used when no document context is given (display columns)
DEFAULT_FULL_WIDTH = 80.0
#: a line at least this share of a full line, followed by a lower-case word, is a wrap
LOWER_NEXT_RATIO = 0.6
#: a sentence end on a line at least this share of a full line left no room for the raised marker
#: after it: a footnote number alone on the next line was pushed there
MARKER_PUSHED_RATIO = 0.9
# A full line ending with , or ; ends its paragraph when the next line opens like a preambular
# paragraph of a resolution: per-language patterns in
# resources/lang/<xx>.toml [linebreaks].paragraph_openers (with examples).

# sentence-final punctuation, closing quotes/brackets, then an optional footnote number
_END_PUNCT = regex.compile(r"[.!?:;。！？：；…](?:[\"'”’»）)\]」』》]*)\d{0,3}$")
# a numbered paragraph opening with a capital: "45. The Committee" (not "(a)", which wraps)
_NUMBERED_PARAGRAPH = label_rule("paragraph.numbered")  # (the label grammar, resources/core/labels.toml)
_LIST_END = regex.compile(r"[,;:，；：、،؛]\d{0,3}$")
_HYPHEN_END = regex.compile(r"\S[-\u2010\u00ad]$")


def display_width(s: str) -> int:
    """Columns the text takes: East Asian wide/full-width characters count 2 (one search per line,
    none for ASCII)."""
    return len(s) if s.isascii() else len(s) + sum(map(len, EAST_ASIAN_WIDE_RUNS.findall(s)))


def line_break_context(lines: list[str]) -> dict:
    """Document statistics for :func:`is_hard_break`: ``full_width``, ``median_width``, ``max_width``, ``n``."""
    width_of = {s: display_width(s) for s in (l.strip() for l in lines) if s}
    widths = sorted(width_of[s] for s in (l.strip() for l in lines) if s)
    if not widths:
        return {"full_width": DEFAULT_FULL_WIDTH, "median_width": 0.0, "max_width": 0, "n": 0,
                "front_matter": frozenset()}
    k = min(len(widths) - 1, int(FULL_QUANTILE * (len(widths) - 1) + 0.5))
    full = max(float(widths[k]), float(statistics.median(widths)))
    dense = _densest_width(widths)
    if dense is not None and dense < full:
        # lines far longer than the right margin (pdftotext's plain mode joins the two lines of a
        # hyphenated word into one) pushed the quantile up: the margin is where most lines end
        full = max(float(dense), float(statistics.median(widths)))
    # front matter: the lines before the first full-width line (masthead, symbol, title block)
    front = []
    for l in lines:
        s = l.strip()
        if s and width_of[s] >= SHORT_RATIO * full:
            break
        if s:
            front.append(s)
    return {
        "split_pairs": split_line_pairs(lines),
        "rtl_fragments": rtl_fragmented(lines),
        "full_width": full,
        "median_width": float(statistics.median(widths)),
        "max_width": widths[-1],
        "n": len(widths),
        "front_matter": frozenset(front),
        "widths": width_of,
    }


_ONE_TOKEN = regex.compile(r"^\S{1,40}$")
_CASED_WORD = regex.compile(r"[\p{Lu}\p{Ll}]")
#: a run of this many one-word lines, most followed by a lower-case word, is one printed line
#: that the extractor split at its justification gaps (pdftotext, PyMuPDF)
SPLIT_RUN = 3


def split_line_pairs(lines: list[str]) -> frozenset:
    """(line, next line) pairs inside a justified line that the extractor printed one word per
    line: a run of at least :data:`SPLIT_RUN` one-word lines of a cased script (never Chinese,
    whose lines have no spaces at all), most of them followed by a lower-case word. The pairs
    within the run and the pair to the line after it are wraps."""
    out: set[tuple[str, str]] = set()
    ss = [l.strip() for l in lines]
    i = 0
    n = len(ss)
    def one_word(t: str) -> bool:
        # (a Chinese line has no spaces: "(a)兑现…；" is a whole line, not one word of one)
        return len(t) <= 40 and _ONE_TOKEN.match(t) is not None and _CASED_WORD.search(t) is not None \
            and _HAN_CHAR.search(t) is None

    while i < n:
        if not one_word(ss[i]):
            i += 1
            continue
        j = i
        while j < n and one_word(ss[j]):
            j += 1
        if j - i >= SPLIT_RUN:
            nxt = ss[i + 1:j + 1]
            lower = sum(1 for t in nxt if t[:1].islower() or t[:1] in "(«\"")
            if lower * 2 >= len(nxt):
                for k in range(i, min(j, n - 1)):
                    out.add((ss[k], ss[k + 1]))
        i = j
    # a footnote marker printed on a line of its own (pdftotext, right-to-left text: the raised
    # number at the line's end) between two lines of one sentence
    for k in range(1, n - 1):
        if len(ss[k]) <= 3 and _BARE_MARKER.match(ss[k]) and ss[k - 1] and ss[k + 1] and not _END_PUNCT.search(ss[k - 1]) \
                and not _LIST_END.search(ss[k - 1]) and not _BARE_MARKER.match(ss[k - 1]):
            out.add((ss[k - 1], ss[k]))
            out.add((ss[k], ss[k + 1]))
    return frozenset(out)


def marker_gap_bridges(texts: list[str], gaps: list[int], lang: str) -> list[int]:
    """Indices of lines whose blank line before is no paragraph end: a footnote marker that the
    extractor printed on a line of its own under a line that does not end its sentence, with a
    blank line after it (pdftotext, right-to-left text: the raised number is set apart as a block
    of its own); the sentence goes on after the blank. ``texts``: the stripped body lines in
    reading order; ``gaps``: the blank lines before each."""
    out = []
    for k in range(1, len(texts) - 1):
        prev, mark, nxt = texts[k - 1], texts[k], texts[k + 1]
        if not _BARE_MARKER.match(mark) or gaps[k] or gaps[k + 1] != 1 or not prev or not nxt:
            continue
        if _END_PUNCT.search(prev) or _LIST_END.search(prev) or _BARE_MARKER.match(prev):
            continue
        if match_label(nxt, lang) or _opens_paragraph(nxt, lang) or _NUMBERED_PARAGRAPH.match(nxt) or _standalone(nxt, lang):
            continue
        out.append(k + 1)
    return out


_ARABIC = ARABIC_CHAR
_FRAGMENT = regex.compile("^[^" + ARABIC + "]{1,8}$")
#: share of tiny left-to-right fragments ("([1", "/2000", ")") among the lines of right-to-left text
#: whose extractor printed every direction run of a line on a line of its own (PyMuPDF)
RTL_FRAGMENT_SHARE = 0.12


# the same two questions asked of every line at once, over the stripped lines joined by newlines
_LINE_WITH_ARABIC = regex.compile("^[^\n]*?" + ARABIC + "[^\n]*", regex.MULTILINE)
_FRAGMENT_LINE = regex.compile("^[^" + ARABIC + "\n]{1,8}$", regex.MULTILINE)


def rtl_fragmented(lines: list[str]) -> bool:
    """Right-to-left text whose lines the extractor split at every change of direction: most lines
    Arabic, and many tiny lines without an Arabic letter (numbers, brackets, slashes)."""
    if not _ARABIC.search("\n".join(lines)):
        return False
    ss = [t for t in map(str.strip, lines) if t]
    if len(ss) < 20:
        return False
    joined = "\n".join(ss)  # (a stripped line holds no line break)
    if len(_LINE_WITH_ARABIC.findall(joined)) < 0.5 * len(ss):
        return False
    return len(_FRAGMENT_LINE.findall(joined)) >= RTL_FRAGMENT_SHARE * len(ss)


_BARE_MARKER = label_rule("alone.marker")
_NUMBER_ALONE = label_rule("alone.number")
# a line ending in a Latin code or number with inner full stops ("A.95.XIII.18")
_CODE_END = regex.compile("[" + LATIN + r"\d]\.[" + LATIN + r"\d.]*\d$")
# right-to-left text in visual order (PyMuPDF): the line's final comma printed first
_VISUAL_PUNCT = regex.compile("^([،؛.:!؟])(?=" + ARABIC + ")")


def _logical(line: str) -> str:
    """A right-to-left line whose final punctuation the extractor printed first, in logical order
    (for the decision only)."""
    m = _VISUAL_PUNCT.match(line)
    return line[1:] + m.group(1) if m else line


#: lines ending within this share below a width count as ending at that width (a justified margin)
MARGIN_BAND = 0.88
#: the margin read from the densest band needs this many lines in it
MARGIN_MIN_LINES = 5


def _densest_width(widths: list[int]) -> int | None:
    """The width W (at least the median) with the most lines in [MARGIN_BAND x W, W]: the right
    margin where wrapped lines end (largest W on a tie); None when no band holds enough lines."""
    import bisect

    med = widths[len(widths) // 2]
    best, best_n = None, 0
    for i in range(len(widths) - 1, -1, -1):
        w = widths[i]
        if w < med:
            break
        if i + 1 < len(widths) and widths[i + 1] == w:
            continue
        n = i + 1 - bisect.bisect_left(widths, MARGIN_BAND * w)
        if n > best_n:
            best, best_n = w, n
    return best if best_n >= MARGIN_MIN_LINES else None


def ends_sentence(line: str) -> bool:
    """The (stripped) line ends with sentence or clause punctuation, maybe then a footnote number."""
    return _END_PUNCT.search(line) is not None


def is_hard_break(prev_line: str, next_line: str, lang: str, *, context: dict | None = None) -> bool:
    """True when the break between ``prev_line`` and ``next_line`` ends a paragraph.

    ``context``: the output of :func:`line_break_context` for the whole document (recommended;
    without it a full line is taken to be :data:`DEFAULT_FULL_WIDTH` columns).
    """
    prev = prev_line.strip()
    nxt = next_line.strip()
    if not prev or not nxt:
        return True
    rules(lang)  # validates the language code early
    full = float((context or {}).get("full_width") or DEFAULT_FULL_WIDTH)
    if _HYPHEN_END.search(prev[-2:]) and nxt[:1].isalpha() and nxt[:1].islower():  # (two characters)
        return False  # word broken at the line end
    if (prev, nxt) in (context or {}).get("split_pairs", ()):
        return False  # one printed line that the extractor split word by word
    ctx = context or {}
    # the same line is asked about several times (as this break's next line, then as the next
    # break's line before): answers are kept for the document when a context is given
    memo = ctx.setdefault("memo", {}) if context is not None else {}

    def label(s: str) -> str:
        key = ("label", s, lang)
        if key not in memo:
            memo[key] = match_label(s, lang)
        return memo[key]

    def alone(s: str, dates: bool = True) -> bool:
        key = ("alone", s, lang, dates)
        if key not in memo:
            memo[key] = _standalone(s, lang, dates)
        return memo[key]

    w = ctx.get("widths", {}).get(prev)
    prev, nxt = _logical(prev), _logical(nxt)
    width = display_width(prev) if w is None else w  # (in logical order too: the same characters)
    ratio = width / full
    ends_final = _at_end(_END_PUNCT, prev, _END_CLOSERS)
    ends_list = bool(_LIST_END.search(prev[-4:]))  # (four characters at most)
    full_stop = _at_end(_FULL_STOP, prev, _STOP_CLOSERS)
    if nxt[0].islower() and ratio >= LOWER_NEXT_RATIO and prev not in ctx.get("front_matter", ()):
        # a lower-case continuation of a long line is a wrap, except in languages whose
        # paragraphs may open in lower case (Russian preambular paragraphs) after , ; :
        if not (_lowercase_paragraphs(lang) and (ends_list or ends_final)):
            return False
    if alone(prev) or alone(nxt, dates=ends_final or ratio < SHORT_RATIO):
        return True  # a meeting or date line ("92nd plenary meeting", "5 April 1994") stands alone
    if ctx.get("rtl_fragments") and not _opens_paragraph(nxt, lang) and not _NUMBERED_PARAGRAPH.match(nxt):
        # a direction run of a right-to-left line that the extractor printed on its own line: a
        # run of digits and signs ("- 13" of "5 - 13") goes on unless a sentence ended (a code
        # such as "A.95.XIII.18" ends none); a run of words goes on after a line that does not
        # end with punctuation, unless it opens with a label
        final = ends_final and not _CODE_END.search(prev)
        if _FRAGMENT.match(nxt) and not final and not (ends_list and _NUMBER_ALONE.match(nxt)):
            return False  # (a number alone after a comma or semicolon numbers the next paragraph)
        if not (final or ends_list) and not label(nxt):
            return False
    rtl = ctx.get("rtl_fragments")
    if not rtl and (_LONE_MARKER.match(nxt) and (not full_stop or ratio >= MARKER_PUSHED_RATIO)
                    or _LONE_MARKER.match(prev) and not label(nxt)):
        # a raised footnote marker the extractor printed on a line of its own (pdftotext: a
        # superscript at a line end): the text runs on through it; after a sentence end only
        # when the line is full (the marker had no room left on it)
        return False
    if not full_stop and _run_in_list(nxt):
        return False  # "强调：" / "(a)…；(b)…；以及(c)…": an enumeration run into the paragraph
    if ratio < SHORT_RATIO:
        # a short line ends its paragraph, unless the next line opens with a unit that could not
        # have fitted in the room left (a URL pushed down whole) and no sentence ended
        return (rtl or full_stop or bool(label(nxt))
                or width + 1 + display_width(_first_unit(nxt)) <= full)
    if (ends_final or ends_list) and (label(nxt) or (next_line[:1].isspace() and not ctx.get("rtl_fragments"))):
        return True  # (the spaces before a direction run of a right-to-left line are no indentation)
    if _NUMBERED_PARAGRAPH.match(nxt):
        return True
    if ends_list and _opens_paragraph(nxt, lang):
        # "..., \nBearing in mind ...": the next preambular paragraph of a resolution (only after
        # , or ; -- after a full stop "During the ..." may just start the next sentence)
        return True
    return False


_LONE_MARKER = _BARE_MARKER  # a footnote marker alone on its line (one pattern for both rules)
_LETTER_ITEM = label_rule("item.early_letter")
_RUN_IN_ITEM = label_rule("item.run_in")


def _run_in_list(line: str) -> bool:
    """The line opens with a letter item label and holds the next label of the series after a
    clause break ("(a)正式…；(b)拟订…"): the items run on in the line, as a paragraph's run-in
    enumeration does; a list of items starts each item on a line of its own."""
    m = _LETTER_ITEM.match(line)
    if m is None:
        return False
    nxt = chr(ord(m.group(1)) + 1)
    return any(r.group(1) == nxt for r in _RUN_IN_ITEM.finditer(line, m.end()))


_FULL_STOP = regex.compile(r"[.。!?！？][\"”’)）]*\d{0,3}$")
# the closing marks the two patterns above let follow their punctuation
_END_CLOSERS = "\"'”’»）)]」』》"
_STOP_CLOSERS = "\"”’)）"
#: the line end read first (a longer match needs a run of closing marks or digits reaching past it)
_TAIL = 16


def _at_end(rx: "regex.Pattern[str]", line: str, closers: str) -> bool:
    """``rx.search(line)`` for a pattern of sentence-end punctuation, closing marks and digits at
    the end of the line (``$``, nothing looked at before the match): the last :data:`_TAIL`
    characters are searched, the whole line only when a longer match could exist (the character
    where the tail starts is a closing mark or a digit). Line-break rules ask this of every line."""
    n = len(line)
    if n <= _TAIL:
        return rx.search(line) is not None
    if rx.search(line, n - _TAIL) is not None:
        return True
    c = line[n - _TAIL]
    return (c in closers or c.isdigit()) and rx.search(line) is not None


def _first_unit(line: str) -> str:
    m = FIRST_UNIT.match(line)
    return m.group() if m else line[:1]


def _opens_paragraph(line: str, lang: str) -> bool:
    """The line opens like a resolution paragraph (``[linebreaks].paragraph_openers``)."""
    rx = rules(lang).paragraph_opener
    return rx is not None and rx.match(line) is not None


_DATE_REST = regex.compile(r"^(?:\p{Lu}\p{L}+,\s*)?(?:\d{1,2}\s*(?:[-–]|and|et|y|и)\s*)?$")


def _standalone(line: str, lang: str, dates: bool = True) -> bool:
    """A line that is a unit of its own: a meeting line of a resolution
    (``[linebreaks].standalone_lines``) or, with ``dates``, a date alone (``Geneva, 8-19 January
    2001``; a date line after a line that does not end its sentence may end that sentence)."""
    r = rules(lang)
    if r.standalone_line is not None and r.standalone_line.match(line):
        return True
    dp = r.date_pattern
    if not dates or dp is None or len(line) > 60:
        return False
    m = dp.search(line)
    return m is not None and not line[m.end():].strip(" .,;") and bool(_DATE_REST.match(line[:m.start()]))


def _lowercase_paragraphs(lang: str) -> bool:
    return bool(rules(lang).raw.get("linebreaks", {}).get("lowercase_paragraph_starts", False))


def hard_breaks(lines: list[str], lang: str) -> list[bool]:
    """:func:`is_hard_break` for every break of ``lines`` (``len(lines) - 1`` values)."""
    ctx = line_break_context(lines)
    return [is_hard_break(a, b, lang, context=ctx) for a, b in zip(lines, lines[1:])]
