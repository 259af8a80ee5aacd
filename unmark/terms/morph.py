"""Per-language lemmas and parts of speech for term candidates and the consistency check.

- Russian: ``pymorphy3`` (OpenCorpora dictionaries, installed from PyPI, offline) gives the lemma
  (Италии, Италию -> италия) and the part of speech (verbs, infinitives, short participles and
  gerunds never open or close a term: "Италии было рекомендовано" is no term). Without pymorphy3: a
  light suffix stemmer (resources/terms/ru_endings.txt), so inflected forms still count as one.
- English: regular plurals folded (countries -> country).
- French, Spanish: regular plurals folded (-s, -x).
- Arabic: light stemming (Larkey et al. 2002, "light10"): the article, proclitics and frequent
  suffixes listed in ``resources/terms/ar_light_stem.toml`` are removed.
"""
from __future__ import annotations

import functools
import logging

from ..resources import load_lines
from ..scripts import CYRILLIC_BASIC_CHAR

log = logging.getLogger(__name__)


def singular_en(word: str) -> str:
    """Fold a regular English plural (countries -> country, States -> state); rules, not a lexicon."""
    w = word
    if "-" in w:  # Vice-Chairs -> Vice-Chair, non-governmental organizations handled per word
        head, _, last = w.rpartition("-")
        return f"{head}-{singular_en(last)}" if last else w
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is", "ics", "ous")):
        return w[:-1]
    return w


def singular_es(word: str) -> str:
    """Fold a regular Spanish plural: resoluciones -> resolución, necesidades -> necesidad,
    nacionales -> nacional, veces -> vez, Estados -> estado (rules, not a lexicon; lower case in)."""
    w = word
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("iones") and len(w) > 6:
        return w[:-5] + "ión"
    if w.endswith("ces") and len(w) > 5:
        return w[:-3] + "z"
    if w.endswith("es") and len(w) > 4 and w[-3] in "dlnrj":
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


_RU_NOT_EDGE = frozenset({"VERB", "INFN", "PRTS", "GRND", "PRED", "CONJ", "PREP", "PRCL", "NPRO", "INTJ", "COMP"})
_RU_BREAK = frozenset({"VERB", "INFN", "PRTS", "GRND"})


def _cyrillic(word: str) -> bool:
    """A letter of the basic Cyrillic block is in ``word``."""
    return CYRILLIC_BASIC_CHAR.search(word) is not None


@functools.lru_cache(maxsize=1)
def _morph_ru():
    try:
        import pymorphy3  # type: ignore

        return pymorphy3.MorphAnalyzer()
    except Exception as exc:  # noqa: BLE001 - ImportError, or dictionaries missing
        log.info("pymorphy3 unavailable (%s): Russian lemmas by suffix stripping", exc)
        return None


def has_ru_morphology() -> bool:
    return _morph_ru() is not None


@functools.lru_cache(maxsize=1)
def _ru_endings() -> tuple[str, ...]:
    return tuple(sorted(load_lines("terms/ru_endings.txt"), key=len, reverse=True))


@functools.lru_cache(maxsize=200_000)
def _parse_ru(word: str):
    m = _morph_ru()
    if m is None:
        return None
    return m.parse(word)[0]


def stem_ru(word: str) -> str:
    w = word.lower().replace("ё", "е")
    for e in _ru_endings():
        if w.endswith(e) and len(w) - len(e) >= 3:
            return w[: -len(e)]
    return w


@functools.lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """The counting form of one word (lower case)."""
    w = word.lower()
    if lang == "ru":
        if not _cyrillic(w) or (word.isupper() and len(word) > 1):
            return w            # Latin words, numbers, acronyms (ИКПЧ) as written
        p = _parse_ru(w)
        return (p.normal_form if p is not None else stem_ru(w)).replace("ё", "е")
    if lang == "en":
        return singular_en(w)
    if lang == "es":
        return singular_es(w)
    if lang == "fr":
        if len(w) > 3 and w.isalpha() and w.endswith(("s", "x")) and not w.endswith(("ss", "us", "is")):
            return w[:-1]
        return w
    if lang == "ar":
        return stem_ar(w)
    return w


@functools.lru_cache(maxsize=200_000)
def lemmas(word: str, lang: str) -> frozenset[str]:
    """Every lemma a word may have (Russian: all of pymorphy3's readings: данные -> {данные, дать});
    other languages: the one of :func:`lemma`."""
    w = word.lower()
    if lang == "ru" and _morph_ru() is not None and _cyrillic(w) \
            and not (word.isupper() and len(word) > 1):
        return frozenset(p.normal_form.replace("ё", "е") for p in _morph_ru().parse(w)) | {lemma(word, lang)}
    return frozenset({lemma(word, lang)})


def pos_ru(word: str) -> str | None:
    """pymorphy3's part of speech of a Russian word (None without pymorphy3 or for non-Cyrillic)."""
    if not _cyrillic(word):
        return None
    p = _parse_ru(word.lower())
    return None if p is None else p.tag.POS


def ru_edge_ok(word: str) -> bool:
    """May a Russian word open or close a term? Not a verb form, preposition, conjunction, particle."""
    return pos_ru(word) not in _RU_NOT_EDGE


def ru_inner_ok(word: str) -> bool:
    """May a Russian word sit inside a term? Not a finite verb, infinitive, short participle, gerund."""
    return pos_ru(word) not in _RU_BREAK


@functools.lru_cache(maxsize=200_000)
def _ru_forms(word: str) -> tuple[str | None, frozenset]:
    """(best part of speech, {(case, number)} of its adjective/noun readings) of a Russian word."""
    m = _morph_ru()
    if m is None or not _cyrillic(word) or "-" in word or (word.isupper() and len(word) > 1):
        return None, frozenset()
    ps = m.parse(word.lower())
    return ps[0].tag.POS, frozenset((p.tag.case, p.tag.number) for p in ps
                                    if p.tag.POS in ("ADJF", "PRTF", "NOUN") and p.tag.case)


def ru_agrees(left: str, right: str) -> bool:
    """May an adjective (or full participle) stand right before ``right`` in one term? Only when
    some reading of both shares case and number ("альтернативные меры", not "альтернативным
    содержанию": there the adjective belongs to a noun before it). Anything that is not an
    adjective before a declinable word agrees."""
    pos, a = _ru_forms(left)
    if pos not in ("ADJF", "PRTF") or not a:
        return True
    pos_r, b = _ru_forms(right)
    if pos_r not in ("NOUN", "ADJF", "PRTF") or not b:
        return True
    numbers_b = {n for _, n in b}
    # an indeclinable noun (рома) or one without number is read in every case: no test
    if None in numbers_b or len({c for c, _ in b}) >= 6:
        return True
    return bool(a & b)


def ru_nominative(word: str) -> bool:
    """Is the word in the nominative (or caseless: a number, an acronym)?"""
    if not _cyrillic(word):
        return True
    p = _parse_ru(word.lower())
    if p is None:
        return True
    return p.tag.case in (None, "nomn")


@functools.lru_cache(maxsize=1)
def _ar_rules() -> dict:
    """The light10 affixes, from ``resources/terms/ar_light_stem.toml`` (data, not code)."""
    from ..resources import load_toml

    return load_toml("terms/ar_light_stem.toml")


def stem_ar(word: str) -> str:
    """Arabic light stemming (light10): proclitics and the article off the front, frequent suffixes
    off the end (``resources/terms/ar_light_stem.toml``)."""
    r = _ar_rules()
    w = word
    conj = r["conjunction"]
    if len(w) > 3 and w.startswith(conj):
        w = w[len(conj):]
    for p in r["prefixes"]:
        if w.startswith(p) and len(w) - len(p) >= r["min_after_prefix"]:
            w = w[len(p):]
            break
    for s in r["suffixes"]:
        if w.endswith(s) and len(w) - len(s) >= r["min_after_suffix"]:
            w = w[: -len(s)]
    return w


def _ru_hyphenated_nominative(word: str) -> str:
    """A hyphenated Russian compound whose parts are all in one oblique case, in the nominative, number
    kept (трудящихся-мигрантов -> трудящиеся-мигранты); anything else as written."""
    parts = word.split("-")
    if any(p.isupper() or not p for p in parts):
        return word             # an acronym inside (ООН-Хабитат): as written
    parses = [_parse_ru(p.lower()) if _cyrillic(p) else None for p in parts]
    if any(p is None or p.tag.POS not in ("NOUN", "ADJF", "PRTF") for p in parses):
        return word
    if all(p.tag.case == "nomn" for p in parses):
        return word
    out = []
    for part, p in zip(parts, parses):
        q = p.inflect({"nomn", p.tag.number or "sing"})
        if q is None:
            return word
        f = q.word
        out.append(f[:1].upper() + f[1:] if part[:1].isupper() else f)
    return "-".join(out)


def ru_citation_form(surface: str) -> str:
    """The glossary (citation) form of a Russian term as the corpus wrote it inflected: the words up to
    and including the head noun go to the nominative, number kept, adjectives agreeing with the head
    (Национального плана действий -> Национальный план действий; прав человека -> права человека);
    the rest (genitive complements) stays. Without pymorphy3, or when a word cannot be inflected, the
    surface is returned as is."""
    if _morph_ru() is None:
        return surface
    words = surface.split()
    parses = []
    head = None
    if len(words) == 1 and "-" in words[0]:
        return _ru_hyphenated_nominative(words[0])
    for i, w in enumerate(words):
        if not _cyrillic(w) or "-" in w:
            return surface
        if sum(ch.isupper() for ch in w) >= 2:
            return surface      # an acronym (ИКПЧ, ООН): pymorphy would inflect a guess (ИКПЧИ)
        p = _parse_ru(w.lower())
        if p is None:
            return surface
        if p.tag.POS == "NOUN":
            head = i
            parses.append(p)
            break
        if p.tag.POS not in ("ADJF", "PRTF"):
            return surface      # a preposition or verb before the head: leave the phrase alone
        parses.append(p)
    if head is None:
        return surface
    hp = parses[head]
    hn = hp if hp.tag.case == "nomn" else hp.inflect({"nomn"})
    if hn is None:
        return surface
    agree = {"nomn", "plur"} if hn.tag.number == "plur" else {"nomn", hn.tag.gender or "masc"}
    forms = []
    for p in parses[:head]:
        q = p.inflect(agree)
        if q is None:
            return surface
        forms.append(q.word)
    forms.append(hn.word)
    out = []
    for w, f in zip(words, forms):
        if w.isupper() and len(w) > 1:
            f = f.upper()
        elif w[:1].isupper():
            f = f[:1].upper() + f[1:]
        out.append(f)
    return " ".join(out + words[head + 1:])
