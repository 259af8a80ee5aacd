"""Acronyms: "United Nations Office on Drugs and Crime (UNODC)" -> {"UNODC": "United Nations Office ..."}.

The long form is read back from the parenthesis over as many words as it takes for their initials
(capitalised words; lower-case function words are skipped) to spell the acronym, exactly or as an
in-order subsequence that starts and ends on the acronym's first and last letters
(OHCHR <- Office of the United Nations High Commissioner for Human Rights).
"""
from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable

import regex

from .lexicon import LATIN_LANGS, pattern

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
MAX_WORDS = 14


def _letters(acronym: str) -> str:
    return "".join(ch for ch in acronym if ch.isupper())


def _is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def long_form_before(text: str, acronym: str) -> str | None:
    """The long form that ``acronym`` abbreviates, read backwards from the end of ``text``."""
    letters = _letters(acronym)
    if len(letters) < 2:
        return None
    words = [m for m in _WORD.finditer(text)][-MAX_WORDS:]
    initials = ""
    for i in range(len(words) - 1, -1, -1):
        w = words[i].group()
        if w[:1].isupper():
            parts = [p for p in regex.split(r"[-’']", w) if p]
            initials = "".join(p[0] for p in parts if p[:1].isupper()) + initials
        elif i == len(words) - 1:
            return None  # the long form must end on a capitalised word
        if not w[:1].isupper():
            continue
        if initials[:1] != letters[:1]:
            continue
        if initials == letters or (initials[-1:] == letters[-1:] and _is_subsequence(letters, initials) and len(initials) <= 2 * len(letters)):
            return text[words[i].start():words[-1].end()]
    return None


def find_definitions(text: str) -> list[tuple[str, str]]:
    """(acronym, long form) pairs defined in ``text``."""
    out = []
    for m in pattern("acronym_definition").finditer(text):
        acro = m.group(1)
        if not pattern("acronym").match(acro):
            continue
        lf = long_form_before(text[: m.start()].rstrip(), acro)
        if lf:
            out.append((acro, lf))
    return out


def acronym_map(texts: Iterable[str], lang: str) -> dict[str, dict[str, str]]:
    """{"by_acronym": {ACR: long form}, "by_long": {long form lower: ACR}} over Latin-script texts."""
    if lang not in LATIN_LANGS:
        return {"by_acronym": {}, "by_long": {}}
    votes: dict[str, Counter] = defaultdict(Counter)
    for t in texts:
        if "(" not in t:
            continue
        for acro, lf in find_definitions(t):
            votes[acro][lf] += 1
    by_acr = {a: c.most_common(1)[0][0] for a, c in votes.items()}
    by_long = {lf.lower(): a for a, lf in by_acr.items()}
    return {"by_acronym": by_acr, "by_long": by_long}


def acronym_for(term: str, amap: dict[str, dict[str, str]]) -> str | None:
    """The acronym of a target term: itself if it is a defined acronym, else that of its long form."""
    if not term or not amap:
        return None
    if term in amap["by_acronym"]:
        return term
    low = term.lower()
    if low in amap["by_long"]:
        return amap["by_long"][low]
    # "Office on Drugs and Crime" for "United Nations Office on Drugs and Crime": only the organisation
    # prefix may be missing -- "Republic of Korea" is not "Democratic People's Republic of Korea" (DPRK),
    # "United Nations High Commissioner ..." is not the Office of the High Commissioner (OHCHR)
    for lf, a in amap["by_long"].items():
        if lf.endswith(" " + low) and lf[: -len(low) - 1].strip() in _ORG_PREFIXES and len(low.split()) >= 3:
            return a
    return None


_ORG_PREFIXES = ("united nations", "the united nations", "un")


def full_form_note(term: str, amap: dict[str, dict[str, str]]) -> str | None:
    if amap and term in amap.get("by_acronym", {}):
        return f"full form: {amap['by_acronym'][term]}"
    return None


@functools.cache
def un_abbreviations() -> tuple[tuple[str, str, str | None], ...]:
    """(acronym, English long form, Chinese short form or None) from
    ``resources/terms/un_abbreviations.tsv``."""
    from ..errors import TermsError
    from ..resources import load_lines

    out = []
    for line in load_lines("terms/un_abbreviations.tsv"):
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != 3 or not cols[0] or not cols[1] or not (
                pattern("acronym").match(cols[0]) or regex.match(r"^\p{Lu}{2,}s$", cols[0])):
            raise TermsError(f"bad line in resources/terms/un_abbreviations.tsv: {line!r}", code="E402")
        out.append((cols[0], cols[1], None if cols[2] == "-" else cols[2]))
    return tuple(out)


@functools.cache
def _abbr_index() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    by_long = {lf.lower(): a for a, lf, _ in un_abbreviations()}
    by_acr = {a: a for a, _, _ in un_abbreviations()}
    by_zh = {zh: a for a, _, zh in un_abbreviations() if zh}
    return by_long, by_acr, by_zh


def is_listed_name(surface: str) -> bool:
    """Is the surface the long form of a listed UN abbreviation (a name of its own: United Nations)?"""
    return surface.strip().lower() in _abbr_index()[0]


def listed_acronym(target: str, source: str, target_texts: Iterable[str], source_lang: str = "zh") -> str | None:
    """The acronym of an entry from the UN abbreviations list, when the target is the listed acronym,
    or is its long form and the corpus writes the acronym."""
    by_long, by_acr, _ = _abbr_index()
    if target in by_acr:
        return target
    a = by_long.get(target.strip().lower())
    if a is not None and len(a) < 3:
        return None         # UN: a listed name, but not an abbreviation UN running text uses
    if a is None:
        return None
    pat = regex.compile(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(a)}(?![\p{{L}}\p{{N}}])")
    return a if any(a in t and pat.search(t) for t in target_texts) else None
