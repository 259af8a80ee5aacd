"""The fr/es/ru/ar additions to resources/core/masthead.toml and artifacts.toml."""
from __future__ import annotations

import pytest
import regex

from unmark.resources import load_toml

NEW = ("fr", "es", "ru", "ar")


def _masthead():
    return load_toml("core/masthead.toml")


def _match(data, lang, line):
    line = line.strip()
    for field in data["fields"]:
        for pat in data.get(lang, {}).get(field, []):
            m = regex.match(pat, line, regex.IGNORECASE)
            if m:
                return field, m.group("value")
    return None


def test_new_tables_have_the_same_keys_as_en():
    data = _masthead()
    for lang in NEW:
        assert set(data[lang]) <= set(data["fields"]), lang
        assert set(data[lang]) == set(data["en"]), lang


@pytest.mark.parametrize("lang", NEW)
def test_new_patterns_compile_with_value_group(lang):
    data = _masthead()
    for field, pats in data[lang].items():
        for pat in pats:
            assert "value" in regex.compile(pat).groupindex, (lang, field, pat)


def _examples():
    return [pytest.param(ex, id=f"{ex['lang']}-{i}") for i, ex in enumerate(_masthead()["examples"]) if ex["lang"] in NEW]


@pytest.mark.parametrize("ex", _examples())
def test_masthead_examples(ex):
    want = (ex["field"], ex["value"]) if ex["field"] else None
    assert _match(_masthead(), ex["lang"], ex["line"]) == want


def test_broken_field_messages_for_all_languages():
    msgs = load_toml("core/artifacts.toml")["broken_field"]["messages"]
    for lang in NEW:
        assert msgs[lang] and all(isinstance(m, str) and "!" in m for m in msgs[lang]), lang


def test_broken_field_examples_use_listed_messages():
    data = load_toml("core/artifacts.toml")["broken_field"]
    listed = [m for lang in NEW for m in data["messages"][lang]]
    for ex in data["examples"]:
        hits = [m for m in listed if m in ex["input"]]
        if hits:
            assert hits[0] not in ex["output"]
