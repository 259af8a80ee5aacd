"""Rule files are validated at load: unknown keys and bad regexes raise E602."""
from __future__ import annotations

import pytest

from unmark.errors import ResourceError
from unmark.lang import LANGUAGES, rules
from unmark.lang.data import validate


@pytest.mark.parametrize("lang", LANGUAGES)
def test_all_language_files_load(lang):
    r = rules(lang)
    assert r.lang == lang
    assert r.terminators
    from unmark.labels import rules as label_rules

    assert label_rules().lang[lang]


def _minimal():
    return {"lang": "xx", "sentence": {"terminators": ["."]}}


def test_valid_minimal():
    validate(_minimal(), "lang/xx.toml")


def test_unknown_top_level_key():
    d = _minimal() | {"sentense": {}}
    with pytest.raises(ResourceError) as exc:
        validate(d, "lang/xx.toml")
    assert exc.value.code == "E602"


def test_unknown_nested_key():
    d = _minimal()
    d["sentence"]["terminator"] = ["."]
    with pytest.raises(ResourceError) as exc:
        validate(d, "lang/xx.toml")
    assert exc.value.code == "E602"


def test_bad_regex():
    d = _minimal()
    d["linebreaks"] = {"paragraph_openers": ["^(?P<x>[unclosed"]}
    with pytest.raises(ResourceError) as exc:
        validate(d, "lang/xx.toml")
    assert exc.value.code == "E602"


def test_labels_left_the_language_files():
    # the label patterns of a language belong to the label grammar (resources/core/labels.toml)
    d = _minimal() | {"labels": {"patterns": ["^(?P<label>\\d+\\.)\\s"]}}
    with pytest.raises(ResourceError) as exc:
        validate(d, "lang/xx.toml")
    assert exc.value.code == "E602"


def test_bad_example_keys():
    d = _minimal()
    d["sentence"]["examples"] = [{"input": "a", "expected": ["a"]}]
    with pytest.raises(ResourceError) as exc:
        validate(d, "lang/xx.toml")
    assert exc.value.code == "E602"


def test_wrong_type():
    d = _minimal()
    d["sentence"]["initials"] = "yes"
    with pytest.raises(ResourceError) as exc:
        validate(d, "lang/xx.toml")
    assert exc.value.code == "E602"


def test_unknown_language():
    with pytest.raises(ResourceError) as exc:
        rules("de")
    assert exc.value.code == "E601"
