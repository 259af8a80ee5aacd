"""The masthead grammar: the fields of a UN document's masthead (organ, symbol, distribution,
date, original language ...) per language (``resources/core/masthead.toml``, loaded and
validated once: E601/E602).

One home for the front-matter segmenter (``segment.front``) and the PDF layout
(``extract.pdf.layout``: a masthead field is words, not logo letters); it sits below both.
"""
from __future__ import annotations

import functools

import regex as re

from ..errors import ResourceError
from ..resources import load_toml


@functools.lru_cache(maxsize=1)
def masthead_rules() -> dict[str, dict[str, list["re.Pattern[str]"]]]:
    data = load_toml("core/masthead.toml")
    fields = data.get("fields", [])
    out: dict[str, dict[str, list]] = {}
    for lang, table in data.items():
        if not isinstance(table, dict) or lang in ("examples",):
            continue
        out[lang] = {}
        for fld, pats in table.items():
            if fld not in fields:
                raise ResourceError(f"core/masthead.toml: [{lang}] unknown field {fld!r}", code="E602")
            try:
                out[lang][fld] = [re.compile(p, re.IGNORECASE) for p in pats]
            except re.error as exc:
                raise ResourceError(f"core/masthead.toml: [{lang}].{fld}: {exc}", code="E602") from exc
            for rx in out[lang][fld]:
                if "value" not in rx.groupindex:
                    raise ResourceError(f"core/masthead.toml: [{lang}].{fld} pattern lacks group 'value'", code="E602")
    return out


@functools.lru_cache(maxsize=8192)  # the front matter asks about the same lines several times
def match_masthead(line: str, lang: str | None = None) -> tuple[str, str] | None:
    """(field, value) when ``line`` is a masthead line in ``lang`` (or English, or any language)."""
    s = " ".join(line.split())
    rules = masthead_rules()
    order = [lang] if lang in rules else []
    order += [k for k in ("en",) if k not in order] + [k for k in rules if k not in order and k != "en"]
    for lg in order:
        for fld, pats in rules[lg].items():
            for rx in pats:
                m = rx.match(s)
                if m:
                    return fld, " ".join(m.group("value").split())
    return None
