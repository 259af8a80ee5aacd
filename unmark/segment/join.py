"""Joining the wrapped lines of one paragraph back into one text.

- CJK + CJK: no space.
- CJK ideograph + Arabic numerals / Latin words: the document's own spacing is restored.
  First the same line's evidence (``在 30|岁``: the number is spaced on its other side,
  so it is spaced here; ``和1967|年``: unspaced), then the document's majority.
- Latin + Latin: one space, or a hyphenated word rejoined (``join.dehyphenate``) when the
  hyphen is a wrap hyphen; real compounds (``follow-up``) and URLs keep theirs.
- URLs broken across lines are rejoined without a space (``join.url``), confirmed by the
  page's hyperlink annotations when there are any.
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

import regex as re

from ..lang.hyphen import keep_hyphen as lang_keep_hyphen
from ..model import Fix, MappedText
from ..scripts import HAN as HAN_CLASS
from ..scripts import CJK_CHAR, HAN_OR_KANA

log = logging.getLogger(__name__)

HAN = HAN_OR_KANA
ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
URL_TAIL = re.compile(r"(?:https?://|www\.)[^\s" + HAN_CLASS + r"，。；：（）“”《》]*$")
URL_CONT = re.compile(r"^[^\s" + HAN_CLASS + r"，。；：（）“”《》]+")
WORD_TAIL = re.compile(r"([\p{L}][\p{L}\p{M}'’]*)[-\u00AD]$")
WORD_HEAD = re.compile(r"^([\p{L}][\p{L}\p{M}'’]*)")


def is_cjk(ch: str) -> bool:
    return bool(ch) and bool(CJK_CHAR.match(ch))


def is_han(ch: str) -> bool:
    return bool(ch) and bool(HAN.match(ch))


@dataclass
class JoinContext:
    """What the joiner knows about the whole document."""

    lang: str = "en"
    cjk_spaced: bool = True                    # majority spacing between CJK and Latin/digits
    vocabulary: Counter | None = None          # words of the document; None: counted from ``texts`` when first needed
    links_by_page: dict[int, list[str]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list, repr=False)

    def words(self) -> Counter:
        """The document's vocabulary (lower-cased word counts), counted once, when a line-end
        hyphen first needs it."""
        if self.vocabulary is None:
            self.vocabulary = vocabulary_of(self.texts)
        return self.vocabulary


_BOUNDARY_SPACED = re.compile(r"(?:" + HAN_CLASS + r"\s+[A-Za-z0-9]{2,})|(?:[A-Za-z0-9]{2,}\s+" + HAN_CLASS + ")")
_BOUNDARY_TIGHT = re.compile(r"(?:{h}[A-Za-z]{{2,}}|{h}\d{{3,}})|(?:[A-Za-z]{{2,}}{h}|\d{{3,}}{h})".format(h=HAN_CLASS))


# where a boundary can be: a run of Latin letters or digits, the spaces on each side and one character beyond
_ALNUM_RUN = re.compile(r"[A-Za-z0-9\d]{2,}")
_SPACES_BEFORE = re.compile(r"\s*", re.REVERSE)
_SPACES = re.compile(r"\s*")


def _boundary_windows(s: str) -> list[list[int]]:
    """Spans of ``s`` (in order, apart) outside which neither boundary pattern can match: every match
    holds one run of letters or digits, the spaces beside it and the Han character past them."""
    out: list[list[int]] = []
    n = len(s)
    for m in _ALNUM_RUN.finditer(s):
        a = max(0, _SPACES_BEFORE.match(s, 0, m.start()).start() - 1)
        b = min(n, _SPACES.match(s, m.end()).end() + 1)
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out


def cjk_spacing_majority(texts: list[str]) -> bool:
    # one search over the texts joined by NUL (neither a space, a Han character nor a letter or
    # digit: no boundary runs over it), the same count as text by text; asked only around the runs
    # of letters and digits (the same matches as over the whole text, where Han runs are most of it)
    joined = "\x00".join(texts)
    spaced = tight = 0
    for a, b in _boundary_windows(joined):
        spaced += len(_BOUNDARY_SPACED.findall(joined, a, b))
        tight += len(_BOUNDARY_TIGHT.findall(joined, a, b))
    return spaced >= tight


# a word: letters, with marks, apostrophes or hyphens between letters (the longest such run)
_WORDS = re.compile(r"\p{L}+(?:[\p{M}'’-]+\p{L}+)*")


def vocabulary_of(texts: list[str]) -> Counter:
    # one search over the texts joined by newlines: a word never spans a newline
    return Counter(map(str.lower, _WORDS.findall("\n".join(texts))))


def _run_at_end(s: str) -> tuple[int, int]:
    """(start, end) of the trailing ASCII alnum run of s."""
    j = len(s)
    i = j
    while i > 0 and ASCII_ALNUM.match(s[i - 1]):
        i -= 1
    return i, j


def _local_spacing_left(s: str) -> bool | None:
    """Line s ends with an ASCII run: is it spaced from CJK on its left side?"""
    i, _ = _run_at_end(s)
    if i == 0:
        return None
    if s[i - 1] == " " and i >= 2 and is_han(s[i - 2]):
        return True
    if is_han(s[i - 1]):
        return False
    return None


def _local_spacing_right(s: str) -> bool | None:
    """Line s starts with an ASCII run: is it spaced from CJK on its right side?"""
    j = 0
    while j < len(s) and ASCII_ALNUM.match(s[j]):
        j += 1
    if j == 0 or j >= len(s):
        return None
    if s[j] == " " and j + 1 < len(s) and is_han(s[j + 1]):
        return True
    if is_han(s[j]):
        return False
    return None


URL_SCHEME = re.compile(r"^(?:https?://)?(?:www\.)?")   # what two spellings of one URL may differ by


def _url_join(left: str, right: str, page: int | None, ctx: JoinContext) -> bool:
    m = URL_TAIL.search(left)
    if not m:
        return False
    head = URL_CONT.match(right)
    if not head:
        return False
    frag = m.group()
    cand = (frag + head.group()).rstrip("。.,;；，)）")
    norm = lambda u: URL_SCHEME.sub("", u).rstrip("/")  # noqa: E731
    links = ctx.links_by_page.get(page, []) if page is not None else []
    if links:
        nc = norm(cand)
        for u in links:
            nu = norm(u)
            if nu.startswith(nc) or nc.startswith(nu) and len(nu) > len(norm(frag)):
                return True
    return frag.endswith(("-", "/", "_", ".", "?", "=", "&", "#", "%"))


def keep_hyphen(left_word: str, right_word: str, ctx: JoinContext) -> bool:
    """Should the hyphen at a line end stay (a real compound) or go (a wrap hyphen)? (lang.keep_hyphen
    with the document's vocabulary)"""
    return bool(lang_keep_hyphen(left_word, right_word, ctx.lang, vocabulary=ctx.words()))


def join_parts(parts: list[MappedText], ctx: JoinContext, fixes: list[Fix]) -> MappedText:
    """Join the (already stripped) lines of one paragraph (linear in the number of lines)."""
    parts = [p for p in parts if p.text]
    if not parts:
        return MappedText("", ())
    pieces: list[MappedText] = [parts[0]]
    for nxt in parts[1:]:
        prev = pieces[-1]
        left, right = prev.text, nxt.text
        a, b = left[-1], right[0]
        page, line, _ = prev.locate(len(left) - 1)
        sep = ""
        if is_cjk(a) and is_cjk(b):
            sep = ""
        elif _url_join(left, right, page, ctx):
            fixes.append(Fix("join.url", page, line, left[-20:] + "⏎" + right[:20], left[-20:] + right[:20],
                             note="URL broken across lines rejoined"))
        elif (is_han(a) and ASCII_ALNUM.match(b)) or (ASCII_ALNUM.match(a) and is_han(b)):
            local = _local_spacing_left(left) if ASCII_ALNUM.match(a) else _local_spacing_right(right)
            spaced = ctx.cjk_spaced if local is None else local
            if spaced:
                sep = " "
                fixes.append(Fix("join.cjk_spacing", page, line, left[-6:] + "⏎" + right[:6], left[-6:] + " " + right[:6],
                                 note="space restored between CJK and Latin/digits" + ("" if local is None else " (same line)")))
        elif is_cjk(a) or is_cjk(b):
            sep = ""
        elif a in "-\u00AD" and len(left) >= 2 and left[-2].isalpha() and b.isalpha():
            lw = WORD_TAIL.search(left)
            rw = WORD_HEAD.match(right)
            if lw and rw and not keep_hyphen(lw.group(0), rw.group(1), ctx):
                pieces[-1] = prev.slice(0, len(left) - 1)
                fixes.append(Fix("join.dehyphenate", page, line, lw.group(0) + "⏎" + rw.group(1), lw.group(1) + rw.group(1)))
        elif left.endswith(" -") and len(left) >= 3 and left[-3].isalpha() and b.isalpha() and b.islower():
            # pdftotext prints a justified soft hyphen as "involve -": a wrap when the joined word is one
            lw = WORD_TAIL.search(left[:-2] + "-")
            rw = WORD_HEAD.match(right)
            if lw and rw and not keep_hyphen(lw.group(0), rw.group(1), ctx):
                pieces[-1] = prev.slice(0, len(left) - 2)
                fixes.append(Fix("join.dehyphenate", page, line, lw.group(1) + " -⏎" + rw.group(1), lw.group(1) + rw.group(1)))
            else:
                sep = " "
        elif a == "/" and b.isalnum():
            sep = ""
        else:
            sep = " "
        if sep:
            pieces.append(MappedText.inserted(sep, page, line))
        pieces.append(nxt)
    return MappedText.join(pieces)
