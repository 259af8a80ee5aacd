"""Golden rules from resources/lang/<xx>.toml: one test per example, per language."""
from __future__ import annotations

import pytest

from unmark.lang import (
    LANGUAGES,
    find_date,
    fold_arabic_presentation_forms,
    french_spacing,
    identify,
    join_lines,
    keep_hyphen,
    match_label,
    rules,
    sentence_texts,
    split_sentences,
)


def _cases(table: str):
    out = []
    for lang in LANGUAGES:
        for i, ex in enumerate(rules(lang).examples(table)):
            out.append(pytest.param(lang, ex, id=f"{lang}-{table}-{i}"))
    return out


@pytest.mark.parametrize("lang,ex", _cases("sentence"))
def test_sentence_examples(lang, ex):
    assert sentence_texts(ex["input"], lang) == ex["output"]
    spans = split_sentences(ex["input"], lang)
    assert all(ex["input"][s:e] == ex["input"][s:e].strip() for s, e in spans)


def _label_cases():
    from unmark.labels import rules as label_rules

    table = label_rules().raw["lang"]
    return [pytest.param(lang, ex, id=f"{lang}-labels-{i}")
            for lang in LANGUAGES for i, ex in enumerate(table[lang].get("examples", []))]


@pytest.mark.parametrize("lang,ex", _label_cases())
def test_label_examples(lang, ex):
    # the per-language label patterns live in the label grammar (resources/core/labels.toml)
    assert match_label(ex["input"], lang) == ex["output"]


@pytest.mark.parametrize("lang,ex", _cases("dates"))
def test_date_examples(lang, ex):
    assert find_date(ex["input"], lang) == ex["output"]


@pytest.mark.parametrize("lang,ex", _cases("hyphen"))
def test_hyphen_examples(lang, ex):
    assert keep_hyphen(ex["left"], ex["right"], lang) is ex["output"]


@pytest.mark.parametrize("lang,ex", _cases("hyphen"))
def test_hyphen_examples_without_wordfreq(lang, ex, monkeypatch):
    """The examples hold from a fresh install too, where the optional word list is absent."""
    import unmark.lang.hyphen as h

    monkeypatch.setattr(h, "_zipf", lambda word, lang: -1.0)
    assert keep_hyphen(ex["left"], ex["right"], lang) is ex["output"]


@pytest.mark.parametrize("lang,ex", _cases("join"))
def test_join_examples(lang, ex):
    assert join_lines(ex["left"], ex["right"], lang) == ex["output"]


@pytest.mark.parametrize("lang,ex", _cases("identify"))
def test_identify_examples(lang, ex):
    assert identify(ex["input"]) == ex["output"]


@pytest.mark.parametrize("lang,ex", _cases("french_spacing"))
def test_french_spacing_examples(lang, ex):
    assert french_spacing(ex["input"]) == ex["output"]


@pytest.mark.parametrize("lang,ex", _cases("arabic_forms"))
def test_arabic_forms_examples(lang, ex):
    assert fold_arabic_presentation_forms(ex["input"]) == ex["output"]


@pytest.mark.parametrize("lang,ex", _cases("linebreaks"))
def test_linebreak_examples(lang, ex):
    from unmark.lang import is_hard_break

    assert is_hard_break(ex["prev"], ex["next"], lang) is ex["output"]


def test_every_language_has_examples():
    from unmark.labels import rules as label_rules

    for lang in LANGUAGES:
        r = rules(lang)
        assert r.examples("sentence"), lang
        assert label_rules().raw["lang"][lang]["examples"], lang
        assert r.examples("identify"), lang
