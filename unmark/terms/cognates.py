"""Cognates and transliterated names as anchors of word alignment between alphabetic languages
(English, French, Spanish, Russian).

A pair whose source word has its cognate in the aligned target text but outside the target term
(and none inside it) takes its target from a neighbour: "Sinti" linked to каминанти while the
Russian text writes синти and каминанти is the transliteration of "Camminanti" beside it; "dollars
net" linked to "cifras brutas" while "dólares" stands outside the target. Comparison keys and the
match thresholds are data (``resources/terms/cognate_keys.toml``).
"""
from __future__ import annotations

import difflib
import functools
from collections.abc import Sequence

from ..errors import TermsError
from ..resources import load_toml
from ..scripts import LETTER_RUNS, lower_without_marks

ALPHABETIC = ("en", "fr", "es", "ru")


@functools.lru_cache(maxsize=1)
def _rules() -> dict:
    r = load_toml("terms/cognate_keys.toml")
    for part in ("cyrillic", "latin", "match"):
        if part not in r:
            raise TermsError(f"resources/terms/cognate_keys.toml: [{part}] missing", code="E402")
    r["_latin"] = sorted(r["latin"].items(), key=lambda kv: -len(kv[0]))
    return r


@functools.lru_cache(maxsize=65536)
def cognate_key(word: str) -> str:
    """Lower case, accents off, Cyrillic transliterated, close spellings made one, doubled letters
    single: "Camminanti" and "каминанти" -> "kaminanti"."""
    r = _rules()
    w = lower_without_marks(word)
    w = "".join(r["cyrillic"].get(ch, ch) for ch in w)
    for a, b in r["_latin"]:
        w = w.replace(a, b)
    out = []
    for ch in w:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@functools.lru_cache(maxsize=262144)
def _key_match(ka: str, kb: str) -> bool:
    m = _rules()["match"]
    if len(ka) < m["min_length"] or len(kb) < m["min_length"] or ka[0] != kb[0]:
        return False
    if ka == kb:
        return True
    # the ratio cannot reach min_ratio when the lengths differ this much
    if 2 * min(len(ka), len(kb)) < m["min_ratio"] * (len(ka) + len(kb)):
        return False
    return difflib.SequenceMatcher(None, ka, kb).ratio() >= m["min_ratio"]


def cognates(a: str, b: str) -> bool:
    """Are two words (of two languages) cognates or transliterations of each other?"""
    return _key_match(cognate_key(a), cognate_key(b))


def words(text: str) -> list[str]:
    return LETTER_RUNS.findall(text)


@functools.lru_cache(maxsize=8192)
def _text_keys(text: str) -> dict[str, tuple[str, ...]]:
    """The comparison keys of a text's words, by first letter."""
    out: dict[str, set[str]] = {}
    for w in words(text):
        k = cognate_key(w)
        if k:
            out.setdefault(k[0], set()).add(k)
    return {c: tuple(v) for c, v in out.items()}


def _form_of(k: str, u: str) -> bool:
    """Are two comparison keys forms of one word (one stem, endings differ: seksualnoi, seksualnaia)?"""
    n = max(4, min(len(k), len(u)) - 3)
    return len(k) >= n and len(u) >= n and k[:n] == u[:n]


def _in_text(key: str, text: str, inside: Sequence[str] = ()) -> bool:
    """Has ``text`` a cognate of ``key`` that is no form of a word of ``inside`` (the other term,
    which the text writes inflected: the term's сексуальная is the text's сексуальной)?"""
    return any(_key_match(key, k) and not any(_form_of(k, u) for u in inside)
               for k in _text_keys(text).get(key[:1], ()))


def translated_elsewhere(term_a: str, term_b: str, texts_b: Sequence[str], min_length: int = 4) -> bool:
    """Does a word of ``term_a`` have a cognate in most of the aligned texts ``texts_b`` (where
    ``term_b`` stands) while ``term_b`` holds none? Then ``term_a``'s word is translated outside
    ``term_b``: the two terms are not each other's equivalent."""
    if not texts_b:
        return False
    inside = [cognate_key(v) for v in words(term_b)]
    for w in words(term_a):
        kw = cognate_key(w)
        if len(kw) < min_length or any(_key_match(kw, v) for v in inside):
            continue
        hits = sum(_in_text(kw, t, inside) for t in texts_b)
        if hits * 2 > len(texts_b):
            return True
    return False


def inconsistent(source: str, target: str, src_texts: Sequence[str], tgt_texts: Sequence[str]) -> bool:
    """Either side's word translated, by its cognate, outside the other side (see the module)."""
    return translated_elsewhere(source, target, tgt_texts) or translated_elsewhere(target, source, src_texts)


def foreign_piece(word: str, lang: str, other: str) -> bool:
    """Is ``word`` (one capitalised word) a common word of another language, rare in ``lang``, and
    ``other`` (its equivalent) no cognate of it? Then it is a translated piece of a foreign name
    ("Associazione" / Ассоциация). Thresholds: ``[foreign]`` of the rule file."""
    from .generality import zipf

    if " " in word.strip() or not word[:1].isupper() or sum(ch.isupper() for ch in word) > 1:
        return False
    f = _rules().get("foreign")
    if not f:
        return False
    own = zipf(word.lower(), lang)
    if own is None or own >= f["max_own"]:
        return False
    if not any((zipf(word.lower(), x) or 0.0) >= f["min_other"] for x in f["languages"] if x != lang):
        return False
    return not any(cognates(word, v) for v in words(other))


def examples() -> list[tuple[str, str, bool]]:
    return [tuple(e["pair"]) for e in _rules().get("example", [])]
