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
    assert r.label_patterns


def _minimal():
    return {"lang": "xx", "sentence": {"terminators": ["."]}, "labels": {"patterns": ["^(?P<label>\\d+\\.)\\s"]}}


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
    d["labels"]["patterns"] = ["^(?P<label>[unclosed"]
    with pytest.raises(ResourceError) as exc:
        validate(d, "lang/xx.toml")
    assert exc.value.code == "E602"


def test_label_pattern_needs_group():
    d = _minimal()
    d["labels"]["patterns"] = ["^\\d+\\."]
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
