"""Per-language rule data from ``resources/lang/<xx>.toml``, validated at load.

A rule file that has unknown keys, wrong types or a regex that does not compile raises
:class:`unmark.errors.ResourceError` with code ``E602``. The result is cached per language.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Any

import regex

from ..errors import ResourceError
from ..labels import match_lang_label
from ..resources import load_toml

log = logging.getLogger(__name__)

LANGUAGES = ("ar", "zh", "en", "fr", "es", "ru")

# allowed keys: table -> {key: type}; "examples" lists are checked separately
_SCHEMA: dict[str, dict[str, type | tuple[type, ...]]] = {
    "": {"lang": str, "name": str, "script": str},
    "sentence": {
        "terminators": list, "closers": list, "abbreviations": list, "final_abbreviations": list,
        "initials": bool, "label_words": list, "protected_pairs": list,
    },
    "linebreaks": {"lowercase_paragraph_starts": bool, "paragraph_openers": list, "standalone_lines": list},
    "identify": {"function_words": list},
    "dates": {"months": list, "month_abbreviations": list, "pattern": str},
    "hyphen": {
        "compounds": list, "keep_prefixes": list, "closed_compounds": list, "default_keep": bool,
        "adjectival_first_part": str, "wrap_fragments": list,
    },
}
# example tables: name -> required keys
_EXAMPLES: dict[str, set[str]] = {
    "sentence": {"input", "output"},
    "dates": {"input", "output"},
    "hyphen": {"left", "right", "output"},
    "join": {"left", "right", "output"},
    "identify": {"input", "output"},
    "french_spacing": {"input", "output"},
    "linebreaks": {"prev", "next", "output"},
    "arabic_forms": {"input", "output"},
}
_TOP_TABLES = set(_SCHEMA) | set(_EXAMPLES)


def _fail(name: str, msg: str) -> None:
    raise ResourceError(f"rule file {name}: {msg}", code="E602")


def _compile(name: str, where: str, pattern: str) -> regex.Pattern:
    try:
        return regex.compile(pattern)
    except regex.error as exc:
        _fail(name, f"bad regex in {where}: {pattern!r} ({exc})")
        raise  # pragma: no cover  (unreachable, for type checkers)


def validate(data: dict[str, Any], name: str) -> None:
    """Raise ResourceError(E602) when ``data`` (a parsed lang TOML) does not fit the schema."""
    for key, value in data.items():
        if key in _SCHEMA[""]:
            if not isinstance(value, _SCHEMA[""][key]):
                _fail(name, f"key {key!r} must be {_SCHEMA[''][key].__name__}")
            continue
        if key not in _TOP_TABLES:
            _fail(name, f"unknown key {key!r}")
        if not isinstance(value, dict):
            _fail(name, f"{key!r} must be a table")
        allowed = _SCHEMA.get(key, {})
        for sub, subval in value.items():
            if sub == "examples":
                if not isinstance(subval, list):
                    _fail(name, f"{key}.examples must be an array of tables")
                for i, ex in enumerate(subval):
                    need = _EXAMPLES.get(key, set())
                    if not isinstance(ex, dict) or set(ex) - need - {"note"} or need - set(ex):
                        _fail(name, f"{key}.examples[{i}] must have exactly the keys {sorted(need)}")
                continue
            if sub not in allowed:
                _fail(name, f"unknown key {key}.{sub}")
            if not isinstance(subval, allowed[sub]):
                _fail(name, f"{key}.{sub} has the wrong type")
            if isinstance(subval, list) and sub != "protected_pairs":
                if not all(isinstance(x, str) for x in subval):
                    _fail(name, f"{key}.{sub} must be a list of strings")
    if data.get("lang") is None:
        _fail(name, "missing key 'lang'")
    for key in ("paragraph_openers", "standalone_lines"):
        for i, pat in enumerate(data.get("linebreaks", {}).get(key, [])):
            _compile(name, f"linebreaks.{key}[{i}]", pat)
    for key in (("dates", "pattern"), ("hyphen", "adjectival_first_part")):
        pat = data.get(key[0], {}).get(key[1])
        if pat is not None:
            _compile(name, ".".join(key), pat)
    for pair in data.get("sentence", {}).get("protected_pairs", []):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(c, str) for c in pair)):
            _fail(name, "sentence.protected_pairs must be a list of [open, close] pairs")


@dataclass(frozen=True)
class LangRules:
    """Compiled rules of one language (read-only)."""

    lang: str
    terminators: frozenset[str]
    closers: frozenset[str]
    abbreviations: frozenset[str]
    final_abbreviations: frozenset[str]
    initials: bool
    label_words: frozenset[str]
    protected_pairs: tuple[tuple[str, str], ...]
    date_pattern: regex.Pattern | None
    months: tuple[str, ...]
    compounds: frozenset[str]
    keep_prefixes: frozenset[str]
    closed_compounds: frozenset[str]
    wrap_fragments: frozenset[str]
    default_keep: bool
    adjectival_first_part: regex.Pattern | None
    raw: dict[str, Any]
    function_words: frozenset[str] = frozenset()
    paragraph_opener: regex.Pattern | None = None
    standalone_line: regex.Pattern | None = None

    def examples(self, table: str) -> list[dict[str, Any]]:
        """The ``[[<table>.examples]]`` entries (for tests and docs)."""
        return list(self.raw.get(table, {}).get("examples", []))


def _abbr_set(items: list[str]) -> frozenset[str]:
    out = set()
    for a in items:
        a = a.rstrip(".")
        out.add(a)
        if a == a.lower():
            out.add(a.lower())
    return frozenset(out)


def _alternation(patterns: list[str]) -> regex.Pattern | None:
    return regex.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


@functools.lru_cache(maxsize=None)
def rules(lang: str) -> LangRules:
    """Load, validate and compile ``resources/lang/<lang>.toml`` (cached)."""
    if lang not in LANGUAGES:
        raise ResourceError(f"no rules for language {lang!r} (known: {', '.join(LANGUAGES)})", code="E601")
    name = f"lang/{lang}.toml"
    data = load_toml(name)
    validate(data, name)
    if data["lang"] != lang:
        _fail(name, f"lang = {data['lang']!r} but the file is for {lang!r}")
    s = data.get("sentence", {})
    h = data.get("hyphen", {})
    d = data.get("dates", {})
    adj = h.get("adjectival_first_part")
    return LangRules(
        lang=lang,
        terminators=frozenset(s.get("terminators", [".", "?", "!"])),
        closers=frozenset(c for c in s.get("closers", []) if len(c) == 1),
        abbreviations=_abbr_set(s.get("abbreviations", [])),
        final_abbreviations=_abbr_set(s.get("final_abbreviations", [])),
        initials=bool(s.get("initials", True)),
        label_words=frozenset(s.get("label_words", [])),
        protected_pairs=tuple((a, b) for a, b in s.get("protected_pairs", [])),
        date_pattern=regex.compile(d["pattern"]) if d.get("pattern") else None,
        months=tuple(d.get("months", [])),
        compounds=frozenset(x.lower() for x in h.get("compounds", [])),
        keep_prefixes=frozenset(x.lower() for x in h.get("keep_prefixes", [])),
        closed_compounds=frozenset(x.lower() for x in h.get("closed_compounds", [])),
        wrap_fragments=frozenset(x.lower() for x in h.get("wrap_fragments", [])),
        default_keep=bool(h.get("default_keep", True)),
        adjectival_first_part=regex.compile(adj) if adj else None,
        function_words=frozenset(w.lower() for w in data.get("identify", {}).get("function_words", [])),
        paragraph_opener=_alternation(data.get("linebreaks", {}).get("paragraph_openers", [])),
        standalone_line=_alternation(data.get("linebreaks", {}).get("standalone_lines", [])),
        raw=data,
    )


def match_label(text: str, lang: str) -> str:
    """The item/heading label at the start of ``text`` (``"(a)"``, ``"IV."``, ``"一."``) or ``""``,
    by ``lang``'s patterns in the label grammar (``resources/core/labels.toml``)."""
    return match_lang_label(text, lang)


def find_date(text: str, lang: str) -> str:
    """The first date written in ``lang``'s style inside ``text``, or ``""``."""
    rx = rules(lang).date_pattern
    if rx is None:
        return ""
    m = rx.search(text)
    return m.group(0).strip() if m else ""
