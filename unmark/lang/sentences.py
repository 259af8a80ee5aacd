"""Rule-based sentence boundaries for the six UN languages.

Rules (abbreviations, terminators, closing characters, protected pairs) are data in
``resources/lang/<xx>.toml``. Rules were chosen over spaCy's sentencizer by measurement
(bench/bench_lang.py): the sentencizer splits after every ``para.``/``No.``/``Mr.``.
"""
from __future__ import annotations

import functools
import logging

import regex

from ..labels import rule as label_rule
from ..limits import tick
from .data import LangRules, rules

log = logging.getLogger(__name__)

_CJK_LANGS = frozenset({"zh"})
_OPENERS = "([{\"“‘«¿¡„'"
_INNER_SPACES = "\u00a0\u202f\u2009"
# labels that open a block: "2.", "IV.", "A.", and resolution/decision numbers "55/100."
_NUMBER_LABEL = label_rule("item.before_stop")  # (the label grammar, resources/core/labels.toml)
_SPLIT_TOKEN = regex.compile(r"[/(\[’'\-]")
# "b. The activity", "(c) the Committee": a lower-case item label opening the next sentence
_LOWER_LABEL_NEXT = label_rule("item.lower_next")
# "61. In the past": a numbered paragraph opening the next sentence
_NUMBERED_NEXT = label_rule("paragraph.numbered_next")
_STRAIGHT_QUOTES = "\"'"


def _token_before(text: str, i: int) -> tuple[str, int]:
    """The word that ends at ``i`` (exclusive) and its start offset, openers stripped."""
    s = i
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    tok = text[s:i]
    stripped = tok.lstrip(_OPENERS)
    return stripped, s + (len(tok) - len(stripped))


def _previous_word(text: str, start: int) -> str:
    j = start
    while j > 0 and text[j - 1].isspace():
        j -= 1
    w, _ = _token_before(text, j)
    return w.strip(".,;:")


def _in_set(tok: str, names: frozenset[str]) -> bool:
    if not tok:
        return False
    if tok in names or tok.lower() in names and tok.lower() == tok:
        return True
    # last part of a reference: A/55/602/Add -> Add
    last = _SPLIT_TOKEN.split(tok)[-1]
    return bool(last) and last != tok and last in names


def _period_allows_break(text: str, i: int, k: int, sent_start: int, r: LangRules) -> bool:
    """Decide whether the ``.`` at ``i`` (next sentence would start at ``k``) ends a sentence."""
    if i == 0 or not text[i - 1].isalnum():
        # ".)." / ".»." / "..." — the period follows punctuation: a real end
        return True
    tok, tok_start = _token_before(text, i)
    nxt = text[k]
    upper_next = nxt.isupper() or bool(_NUMBERED_NEXT.match(text, k))
    if _in_set(tok, r.final_abbreviations):
        return upper_next
    if _in_set(tok, r.abbreviations):
        return False
    if tok_start == sent_start and _NUMBER_LABEL.match(tok):
        return False  # a paragraph label "2." / "IV." / "A." opening the sentence
    if r.initials and len(tok) == 1 and tok.isupper() and tok.isalpha():
        return _previous_word(text, tok_start) in r.label_words
    return True


@functools.lru_cache(maxsize=64)
def _stops(terminators: frozenset[str], pairs: tuple[tuple[str, str], ...]) -> "regex.Pattern[str]":
    """The characters the scan of :func:`_boundary_ends` acts on (terminators, protected-pair
    openers and closers); it jumps over everything else."""
    chars = set("".join(terminators)) | {c for pair in pairs for c in "".join(pair)}
    if not chars:
        return regex.compile(r"(?!)")
    return regex.compile("[" + "".join(regex.escape(c) for c in sorted(chars)) + "]")


def _boundary_ends(text: str, lang: str, r: LangRules) -> list[int]:
    cjk = lang in _CJK_LANGS
    next_stop = _stops(r.terminators, r.protected_pairs).search
    n = len(text)
    opens = {a: b for a, b in r.protected_pairs}
    closes = {b: a for a, b in r.protected_pairs}
    depth = 0
    ends: list[int] = []
    sent_start = 0
    while sent_start < n and text[sent_start].isspace():
        sent_start += 1
    i = sent_start
    while i < n:
        m = next_stop(text, i)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        if ch in opens:
            depth += 1
        elif ch in closes and depth > 0:
            depth -= 1
        if ch not in r.terminators:
            i += 1
            continue
        inside = depth > 0  # a terminator inside 《…》 never ends a sentence
        j = i + 1
        while j < n and text[j] in r.terminators:
            j += 1
        while j < n:
            if text[j] in _STRAIGHT_QUOTES:
                # a straight quote closes only if it is unbalanced in the sentence so far
                if text.count(text[j], sent_start, j) % 2 == 1:
                    j += 1
                    continue
                break
            if text[j] in r.closers:
                if text[j] in closes and depth > 0:
                    depth -= 1
                j += 1
            elif text[j] in _INNER_SPACES and j + 1 < n and text[j + 1] in r.closers:
                j += 2
            else:
                break
        if inside or depth > 0 or j >= n:
            i = j
            continue
        if cjk and not ch.isascii():
            k = j
            while k < n and text[k].isspace():
                k += 1
            ok = k < n
        else:
            if not text[j].isspace():
                i = j
                continue
            k = j
            while k < n and text[k].isspace():
                k += 1
            if k >= n:
                break
            nxt = text[k]
            ok = not nxt.islower() or bool(_LOWER_LABEL_NEXT.match(text, k))
            if ok and ch == "." and j == i + 1:
                ok = _period_allows_break(text, i, k, sent_start, r)
        if ok:
            ends.append(j)
            sent_start = k
        i = max(j, i + 1)
    return ends


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` into ``text``, leading/trailing spaces of each excluded."""
    return split_with_rules(text, lang, rules(lang))


def split_with_rules(text: str, lang: str, r: LangRules) -> list[tuple[int, int]]:
    """:func:`split_sentences` with explicit (possibly modified) rules, for measurements."""
    if not text or text.isspace():
        return []
    spans: list[tuple[int, int]] = []
    start = 0
    for end in _boundary_ends(text, lang, r) + [len(text)]:
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
            tick()  # a block of millions of sentences: the deadline and memory budget checked inside
        start = end
    return spans


def sentence_texts(text: str, lang: str) -> list[str]:
    """The sentences of ``text`` as strings (convenience over :func:`split_sentences`)."""
    return [text[s:e] for s, e in split_sentences(text, lang)]
