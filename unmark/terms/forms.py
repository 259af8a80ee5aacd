"""UN forms of extracted targets, from ``resources/terms/un_forms.tsv`` (data, not code).

A target written in a form the UN does not use (Republic of Argentina, Hague, Cape Verde, States
Parties for the generic term) is given in the UN form (Argentine Republic, The Hague, Cabo Verde,
States parties) -- but only when the corpus itself writes the UN form: the glossary shows forms the
texts use, never one they do not.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence

import regex

from ..errors import TermsError
from ..resources import load_lines


@functools.cache
def un_forms() -> dict[tuple[str, str], str]:
    """{(language, form seen): UN form}."""
    out: dict[tuple[str, str], str] = {}
    for line in load_lines("terms/un_forms.tsv"):
        cols = line.split("\t")
        if len(cols) != 3 or not all(c.strip() for c in cols):
            raise TermsError(f"bad line in resources/terms/un_forms.tsv: {line!r}", code="E402")
        out[(cols[0].strip(), cols[1].strip())] = cols[2].strip()
    return out


def written_in(texts: Sequence[str], form: str) -> bool:
    """Does some text write ``form`` exactly (case-sensitive, whole words)?"""
    pat = regex.compile(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(form)}(?![\p{{L}}\p{{N}}])")
    return any(form in t and pat.search(t) for t in texts)


def un_form(target: str, lang: str, texts: Sequence[str]) -> str:
    """The UN form of ``target`` when the list has one and ``texts`` write it; else ``target``."""
    form = un_forms().get((lang, target))
    if form is None or form == target:
        return target
    return form if written_in(texts, form) else target
