"""Listed pairs: UN short forms and drafting words (``resources/terms/un_short_forms.tsv``, and the
Chinese short forms of ``un_abbreviations.tsv``) become glossary entries when the corpus bears them out.

Competitive linking gives each English term to one Chinese term, and the segmenter decides what a
Chinese candidate is: 安理会 loses "Security Council" to 安全理事会, 届会 is never a word of its own
inside 第七十届会议, 国家工作队 sits inside 联合国国家工作队, and general language uses 决议 a lot. For
a listed pair the corpus is asked directly: the Chinese as a string, the English forms as words
(case and a plural -s ignored). The pair is an entry when one English form stands beside the
Chinese in at least ``min_share`` of the aligned pairs holding the Chinese (near-duplicate pairs
counted once; a capitalised name's head noun -- "the Council" for 安理会 -- counts as the name) and
in ``min_cooc`` of them or more; the target is written as the corpus writes it most often there.
"""
from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ..errors import ResourceError
from ..resources import load_lines


@dataclass(frozen=True, slots=True)
class ListedPair:
    zh: str
    en: tuple[str, ...]     # English forms, the UN's usual form first
    example_zh: str = ""
    example_en: str = ""


@functools.cache
def un_short_forms() -> tuple[ListedPair, ...]:
    """The pairs of ``un_short_forms.tsv`` (validated: four columns, the example holds both sides)."""
    out = []
    for line in load_lines("terms/un_short_forms.tsv"):
        cols = line.split("\t")
        if len(cols) != 4 or not all(c.strip() for c in cols):
            raise ResourceError(f"rule file terms/un_short_forms.tsv is invalid: {line!r} (4 columns)", code="E602")
        zh, en, ex_zh, ex_en = (c.strip() for c in cols)
        forms = tuple(f.strip() for f in en.split("|") if f.strip())
        out.append(ListedPair(zh, forms, ex_zh, ex_en))
    return tuple(out)


@functools.cache
def listed_pairs() -> tuple[ListedPair, ...]:
    """The short forms above, then the Chinese short forms of the UN abbreviations list (long form
    and acronym as the English forms)."""
    from .acronyms import un_abbreviations

    out = list(un_short_forms())
    seen = {p.zh for p in out}
    for acro, long_form, zh in un_abbreviations():
        if zh and zh not in seen:
            out.append(ListedPair(zh, (long_form, acro)))
            seen.add(zh)
    return tuple(out)


@functools.lru_cache(maxsize=1024)
def _form_pattern(form: str) -> regex.Pattern:
    flags = 0 if regex.fullmatch(r"[A-Z][A-Za-z-]*[A-Z]s?", form) else regex.IGNORECASE    # acronyms as written
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}-]){regex.escape(form)}(?:s|es)?(?![\p{{L}}\p{{N}}-])", flags)


def matches_form(text: str, forms: Sequence[str]) -> bool:
    """Is ``text`` one of the English ``forms`` (case and a plural -s ignored)?"""
    return any(_form_pattern(f).fullmatch(text.strip()) for f in forms)


@dataclass(frozen=True, slots=True)
class ListedHit:
    pair: ListedPair
    target: str             # as the corpus writes it most often
    segments: tuple[int, ...]   # aligned pairs holding both sides
    source_count: int       # aligned pairs holding the Chinese (near-duplicates once)
    cooc: int               # ... and the English form (near-duplicates once)
    raw_cooc: int = 0       # ... counting near-duplicates


def find_listed(zh_texts: Sequence[str], en_texts: Sequence[str], min_share: float = 0.5, min_cooc: int = 3,
                distinct=None, pairs: Sequence[ListedPair] | None = None) -> list[ListedHit]:
    """The listed pairs the corpus bears out (``zh_texts`` joined, without spaces between Han
    characters). ``distinct(segments)``: the segments without near-duplicates (default: all)."""
    out = []
    for p in pairs if pairs is not None else listed_pairs():
        segs = [i for i, t in enumerate(zh_texts) if p.zh in t]
        if len(segs) < min_cooc:
            continue
        base = distinct(segs) if distinct else segs
        # UN drafting names a body in full once, then by its head noun: "the Council", "the Committee"
        heads = [_form_pattern(h) for h in {f.split()[-1] for f in p.en if len(f.split()) > 1 and f.split()[-1][:1].isupper()}]
        refs = [i for i in segs if any(_form_pattern(f).search(en_texts[i]) for f in p.en)
                or any(h.search(en_texts[i]) for h in heads)]
        if len(distinct(refs) if distinct else refs) < min_share * len(base):
            continue
        best = None
        for form in p.en:
            pat = _form_pattern(form)
            both = [i for i in segs if pat.search(en_texts[i])]
            if len(both) >= min_cooc and (best is None or len(both) > len(best[1])):
                best = (form, both, pat)
        if best is None:
            continue
        form, both, pat = best
        n_both = len(distinct(both)) if distinct else len(both)
        spellings = Counter(m.group() for i in both for m in pat.finditer(en_texts[i]))
        target = _spelling(spellings, form)
        out.append(ListedHit(p, target, tuple(both), len(base), n_both, len(both)))
    return out


def _spelling(spellings: Counter, form: str) -> str:
    """The corpus's most frequent spelling; for a listed form in lower case, capitals only a
    sentence start explains are folded first (Session / session count as session)."""
    if not spellings:
        return form
    if form[:1].islower():
        folded: Counter = Counter()
        for s, c in spellings.items():
            folded[s[:1].lower() + s[1:]] += c
        spellings = folded
    return spellings.most_common(1)[0][0]
