"""Word lists and patterns of the terminology module, loaded from ``resources/terms/`` (data, not code)."""
from __future__ import annotations

import functools
import logging

import regex

from ..errors import TermsError
from ..resources import load_lines, load_toml

log = logging.getLogger(__name__)

LATIN_LANGS = ("en", "fr", "es", "ru")
SPACED_LANGS = LATIN_LANGS + ("ar",)   # words between spaces: spaCy's rule-based tokenizer
CJK_LANGS = ("zh",)
SUPPORTED_LANGS = SPACED_LANGS + CJK_LANGS


def check_lang(lang: str) -> str:
    """Normalise a language code (``EN``, ``zh-CN`` -> ``en``, ``zh``); raise E401 if unsupported."""
    code = (lang or "").strip().lower().replace("_", "-").split("-")[0]
    if code not in SUPPORTED_LANGS:
        raise TermsError(
            f"language {lang!r} is not supported for terminology (supported: {', '.join(SUPPORTED_LANGS)})",
            code="E401",
        )
    return code


@functools.cache
def stopwords(lang: str) -> frozenset[str]:
    """Words a term may not start or end on (lower case)."""
    return frozenset(w.lower() for w in load_lines(f"terms/stop_{check_lang(lang)}.txt"))


@functools.cache
def internal_words(lang: str) -> frozenset[str]:
    """Function words allowed inside a term (Latin-script languages; Chinese allows any inside)."""
    lang = check_lang(lang)
    if lang in CJK_LANGS:
        return frozenset()
    return frozenset(w.lower() for w in load_lines(f"terms/internal_{lang}.txt"))


@functools.cache
def complex_prepositions(lang: str) -> tuple[tuple[str, ...], ...]:
    """Compound prepositions of a language (``resources/terms/complex_prep_<lang>.txt``: Russian "в
    отношении", Spanish "de conformidad con"), as lower-case token tuples; none where no list exists."""
    from ..resources import resources_dir

    name = f"terms/complex_prep_{check_lang(lang)}.txt"
    if not resources_dir().joinpath(name).is_file():
        return ()
    return tuple(tuple(line.lower().split()) for line in load_lines(name))


@functools.cache
def user_dictionary_zh() -> tuple[tuple[str, int, str | None], ...]:
    """Entries of the jieba user dictionary: (word, frequency, part of speech)."""
    out = []
    for line in load_lines("terms/un_userdict_zh.txt"):
        parts = line.split()
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 2000
        tag = parts[2] if len(parts) > 2 else None
        out.append((word, freq, tag))
    return tuple(out)


@functools.cache
def states() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Names of the UN Member States and observer States: (Chinese forms, English forms) per State
    (``resources/terms/states_zh_en.tsv``)."""
    out = []
    for line in load_lines("terms/states_zh_en.tsv"):
        cols = line.split("\t")
        if len(cols) < 2:
            raise TermsError(f"bad line in resources/terms/states_zh_en.tsv: {line!r}", code="E402")
        zh = tuple(x.strip() for x in cols[0].split("|") if x.strip())
        en = tuple(x.strip() for x in cols[1].split("|") if x.strip())
        out.append((zh, en))
    return tuple(out)


@functools.cache
def pattern(name: str) -> regex.Pattern[str]:
    """A compiled pattern from ``resources/terms/patterns.toml``."""
    rules = load_toml("terms/patterns.toml")
    if name not in rules or "pattern" not in rules[name]:
        raise TermsError(f"pattern {name!r} missing from resources/terms/patterns.toml", code="E402")
    return regex.compile(rules[name]["pattern"])


def pattern_rules() -> dict:
    """All pattern rules with their examples (tests run them)."""
    return load_toml("terms/patterns.toml")
