"""Offline language identification for the six UN languages.

Script first (Han -> zh, Arabic -> ar, Cyrillic -> ru); langdetect, seeded and therefore
deterministic, only to tell English, French and Spanish apart.
"""
from __future__ import annotations

import functools
import logging
import threading
from collections import Counter

import regex

log = logging.getLogger(__name__)

_HAN = regex.compile(r"\p{Han}")
_ARABIC = regex.compile(r"\p{Arabic}")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_LATIN = regex.compile(r"\p{Latin}")
_CJK_PUNCT = regex.compile(r"[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20]")
# references and numbers say nothing about the language
_NOISE = regex.compile(r"https?://\S+|www\.\S+|\S+@\S+|\b[A-Z]{1,6}(?:/[\w.\-]+)+|\d+(?:[.,/]\d+)*")

#: fewer letters than this: undecidable
MIN_LETTERS = 3
#: fewer Latin letters than this: langdetect is not asked (returns ``default``)
MIN_LATIN_FOR_DETECT = 12
#: a block "clearly entirely another language" needs this many letters of that language ...
MIN_LETTERS_FOREIGN = 20
#: ... and this share of the block's letters
FOREIGN_SHARE = 0.9
#: ... and, among en/fr/es, this langdetect probability
FOREIGN_PROB = 0.95
_LATIN_LANGS = ("en", "fr", "es")

_lock = threading.Lock()


_ARABIC_LETTER = regex.compile(r"[\p{Arabic}&&\p{L}]", regex.V1)


def script_counts(text: str) -> Counter:
    """Number of letters per script family: ``zh``, ``ar``, ``ru``, ``latin``."""
    c: Counter = Counter()
    for key, rx in (("zh", _HAN), ("ar", _ARABIC_LETTER), ("ru", _CYRILLIC), ("latin", _LATIN)):
        n = len(rx.findall(text))
        if n:
            c[key] = n
    return c


@functools.lru_cache(maxsize=1)
def _factory():
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory

    DetectorFactory.seed = 0
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


def _latin_language(text: str, min_prob: float = 0.0) -> str | None:
    """en/fr/es by langdetect (seed 0), restricted to those three; None if none reaches ``min_prob``."""
    factory = _factory()
    with _lock:  # langdetect's seed lives in a shared class attribute
        from langdetect import DetectorFactory

        DetectorFactory.seed = 0
        det = factory.create()
        det.append(text)
        try:
            probs = det.get_probabilities()
        except Exception:  # LangDetectException: no features
            return None
    best = None
    best_p = 0.0
    for lp in probs:
        if lp.lang in _LATIN_LANGS and lp.prob > best_p:
            best, best_p = lp.lang, lp.prob
    return best if best_p >= min_prob and best_p > 0 else None


_WORD = regex.compile(r"\p{L}+")


def _function_word_vote(text: str) -> tuple[str | None, float]:
    """(best of en/fr/es by share of function words, margin over the runner-up)."""
    from .data import rules

    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 8:
        return None, 0.0
    scores = {}
    for lang in _LATIN_LANGS:
        fw = rules(lang).function_words
        scores[lang] = sum(1 for w in words if w in fw) / len(words)
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    return ranked[0][0], ranked[0][1] - ranked[1][1]


def identify(text: str, default: str | None = None) -> str | None:
    """Language code of a text block (one of ar, zh, en, fr, es, ru), or ``default``.

    ``default`` is returned when the text has too few letters to decide.
    """
    clean = _NOISE.sub(" ", text)
    counts = script_counts(clean)
    # a Han character carries about a word: weight it against Latin letters
    total = sum(counts.values()) + 2 * counts["zh"]
    if total < MIN_LETTERS:
        return default
    # script first: any substantial non-Latin script decides
    for code in ("zh", "ar", "ru"):
        weight = 3 if code == "zh" else 1
        if counts[code] * weight >= counts["latin"] and counts[code] > 0:
            return code
    if counts["latin"] < MIN_LATIN_FOR_DETECT:
        return default
    vote, margin = _function_word_vote(clean)
    if vote is not None and margin >= 0.1:
        return vote  # a clear function-word majority: no need for langdetect
    lang = _latin_language(clean[:2000])
    return lang if lang is not None else default


def identify_document(blocks: list[str]) -> str:
    """Document language: majority over blocks weighted by their length ("en" if nothing decides)."""
    votes: Counter = Counter()
    for b in blocks:
        lang = identify(b)
        if lang:
            votes[lang] += len(b)
    if not votes:
        log.debug("identify_document: no block decided, falling back to 'en'")
        return "en"
    return max(sorted(votes), key=lambda k: votes[k])


def identify_block(text: str, doc_lang: str) -> str:
    """Language of one block of a ``doc_lang`` document.

    A block keeps the document language unless it is clearly entirely another language: enough
    letters, and (for a script change) nearly all letters in the other script. A Latin block in
    a Latin-script document is re-identified only when it is long enough for langdetect.
    """
    clean = _NOISE.sub(" ", text)
    counts = script_counts(clean)
    total = sum(counts.values())
    if total < MIN_LETTERS_FOREIGN:
        return doc_lang
    fam = {"zh": "zh", "ar": "ar", "ru": "ru"}.get(doc_lang, "latin")
    if fam != "latin" and (counts[fam] > 0 or (fam == "zh" and _CJK_PUNCT.search(text))):
        return doc_lang  # the document's own script is present: a citation inside its text
    if counts[fam] >= (1 - FOREIGN_SHARE) * total:
        # still mostly the document's script
        if fam != "latin":
            return doc_lang
        if counts["latin"] < 2 * MIN_LETTERS_FOREIGN:
            return doc_lang
        return _latin_block(clean, doc_lang, doc_lang)
    dominant, n = max(counts.items(), key=lambda kv: kv[1])
    if n < FOREIGN_SHARE * total:
        return doc_lang
    if dominant == "latin":
        return _latin_block(clean, None, doc_lang)
    return dominant


def _latin_block(clean: str, expected: str | None, doc_lang: str) -> str:
    """en/fr/es of a Latin-script block: the function-word vote decides when it is clear (cheap);
    langdetect is asked only to confirm a close call against the document language."""
    vote, margin = _function_word_vote(clean)
    if vote is None:
        return doc_lang  # too few words to tell en/fr/es apart
    if vote == expected or (expected is not None and margin < 0.08):
        return doc_lang
    if margin >= 0.15:
        return vote
    other = _latin_language(clean, FOREIGN_PROB)
    return other if other is not None else doc_lang
